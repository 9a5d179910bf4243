/** The command line (and environment) to what to do and a Config, through the one flag table. */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, UsageError, type Config } from '../config.js';
import { didYouMean } from '../render/suggest.js';
import { TOOLS } from '../tools/index.js';
import { finishConfirmConfig } from './confirm-flags.js';
import { finishEngineConfig } from './engine-flags.js';
import { applyFlag, flagsFromEnv } from './env-flags.js';
import { FLAGS } from './flags.js';
import { finishHttpConfig } from './http-flags.js';
import { finishPolicyConfig } from './policy-flags.js';

export interface ParsedCommand {
  /** check: connect to every engine and print what a client would get (./check.ts), then exit. */
  action: 'serve' | 'check' | 'help' | 'version';
  config: Config;
}

export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
    version: { type: 'boolean' },
    check: { type: 'boolean' },
  };
  for (const flag of FLAGS)
    options[flag.name] = { type: flag.type, ...(flag.multiple && { multiple: true }) };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(explainParseError(error as Error));
  }
  const { check, ...flagValues } = values;
  values = flagValues;
  const config: Config = structuredClone(DEFAULT_CONFIG);
  if (values.help === true) return { action: 'help', config };
  if (values.version === true) return { action: 'version', config };
  for (const flag of FLAGS) {
    const value = values[flag.name];
    if (value !== undefined) flag.apply(config, value as string | boolean | string[]);
  }
  const onCommandLine = FLAGS.filter((flag) => values[flag.name] !== undefined);
  const fromEnv = flagsFromEnv(FLAGS, new Set(onCommandLine.map((flag) => flag.name)), env);
  for (const [flag, value] of fromEnv) applyFlag(flag, config, value, true);
  const given = new Set([...onCommandLine, ...fromEnv.keys()].map((flag) => flag.name));
  finishEngineConfig(config);
  finishHttpConfig(config.http, given, env);
  finishPolicyConfig(config.policy, TOOLS);
  finishConfirmConfig(config.confirm, given, env, config.http.stateless);
  return { action: check === true ? 'check' : 'serve', config };
}

function explainParseError(error: Error): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown !== undefined) {
    const names = ['help', 'version', 'check', ...FLAGS.map((flag) => flag.name)];
    return `unknown flag ${unknown}${didYouMean(unknown.replace(/^-+/, ''), names).replace(/"([^"]+)"/, '"--$1"')}; see --help`;
  }
  return `${error.message}; see --help`;
}
