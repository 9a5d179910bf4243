/**
 * Command-line flags: one table drives parsing, validation and --help, so a flag cannot be
 * parsed without being documented.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, type Config } from './config.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { didYouMean } from './render/suggest.js';
import { SSH_COMMAND_ENV } from './engine/ssh.js';
import { parseApiVersion } from './engine/version.js';
import { positiveNumber, str, UsageError, type Flag } from './flag.js';
import { ENGINE_FLAGS, finishEngineConfig } from './engine-flags.js';
import { FILE_FLAGS } from './file-flags.js';
import { finishHttpConfig, HTTP_FLAGS, TOKEN_ENV } from './http-flags.js';
import { finishPolicyConfig, POLICY_FLAGS } from './safety/policy-flags.js';
import { TOOLS } from './tools/index.js';
import { CONFIRM_FLAGS, CONFIRM_SECRET_ENV, finishConfirmConfig } from './safety/confirm-flags.js';

export { positiveNumber, UsageError } from './flag.js';

export const FLAGS: Flag[] = [
  {
    name: 'host',
    type: 'string',
    value: 'URL',
    group: 'Engine',
    help: 'Engine address: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host[:port] (overrides DOCKER_HOST and contexts)',
    apply: (config, value) => (config.host = str(value)),
  },
  {
    name: 'context',
    type: 'string',
    value: 'NAME',
    group: 'Engine',
    help: 'Docker CLI context to use (overrides DOCKER_HOST, DOCKER_CONTEXT and currentContext)',
    apply: (config, value) => (config.context = str(value)),
  },
  ...ENGINE_FLAGS,
  {
    name: 'api-version',
    type: 'string',
    value: 'X.Y',
    group: 'Engine',
    help: "Pin the Engine API version instead of negotiating (default: min(1.45, the engine's))",
    apply: (config, value) => {
      const version = str(value).replace(/^v/, '');
      if (!parseApiVersion(version))
        throw new UsageError(`--api-version "${str(value)}" is not a version like 1.41`);
      config.apiVersion = version;
    },
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'SECONDS',
    group: 'Engine',
    help: 'Timeout of quick engine calls (default 30); waits, follows and exports have their own bounds',
    apply: (config, value) => (config.timeoutMs = positiveNumber('timeout', str(value)) * 1000),
  },
  {
    name: 'log-level',
    type: 'string',
    value: 'LEVEL',
    group: 'Output',
    help: `Log verbosity on stderr: ${LOG_LEVELS.join(', ')} (default info)`,
    apply: (config, value) => {
      const level = str(value) as LogLevel;
      if (!LOG_LEVELS.includes(level)) {
        throw new UsageError(
          `--log-level "${str(value)}" is not one of ${LOG_LEVELS.join(', ')}${didYouMean(str(value), LOG_LEVELS)}`,
        );
      }
      config.logLevel = level;
    },
  },
  ...FILE_FLAGS,
  ...HTTP_FLAGS,
  ...POLICY_FLAGS,
  ...CONFIRM_FLAGS,
];

export interface ParsedCommand {
  action: 'serve' | 'help' | 'version';
  config: Config;
}

export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
    version: { type: 'boolean' },
  };
  for (const flag of FLAGS)
    options[flag.name] = { type: flag.type, ...(flag.multiple && { multiple: true }) };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(explainParseError(error as Error));
  }
  const config: Config = structuredClone(DEFAULT_CONFIG);
  if (values.help === true) return { action: 'help', config };
  if (values.version === true) return { action: 'version', config };
  for (const flag of FLAGS) {
    const value = values[flag.name];
    if (value !== undefined) flag.apply(config, value as string | boolean | string[]);
  }
  const given = new Set(FLAGS.filter((flag) => values[flag.name] !== undefined).map((f) => f.name));
  finishEngineConfig(config);
  finishHttpConfig(config.http, given, env);
  finishPolicyConfig(config.policy, TOOLS);
  finishConfirmConfig(config.confirm, given, env);
  return { action: 'serve', config };
}

function explainParseError(error: Error): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown !== undefined) {
    const names = ['help', 'version', ...FLAGS.map((flag) => flag.name)];
    return `unknown flag ${unknown}${didYouMean(unknown.replace(/^-+/, ''), names).replace(/"([^"]+)"/, '"--$1"')}; see --help`;
  }
  return `${error.message}; see --help`;
}

export function helpText(name: string, version: string): string {
  const lines = [
    `${name} ${version}: an MCP server for Docker Engine containers`,
    '',
    `Usage: ${name} [flags]                     serve MCP over stdio`,
    `       ${name} --http [HOST:]PORT [flags]  serve MCP over Streamable HTTP at /mcp`,
    '',
  ];
  const groups = [...new Set(FLAGS.map((flag) => flag.group))];
  for (const group of groups) {
    lines.push(`${group}:`);
    for (const flag of FLAGS.filter((f) => f.group === group)) {
      const left = `  --${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
      lines.push(`${left.padEnd(30)} ${flag.help}${flag.multiple ? ' (repeatable)' : ''}`);
    }
    lines.push('');
  }
  lines.push(
    'Other:',
    `${'  --help'.padEnd(30)} Show this help`,
    `${'  --version'.padEnd(30)} Print the version`,
    '',
    'Environment: DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH,',
    'resolved as the Docker CLI does. Logs go to stderr; stdout carries only the MCP protocol.',
    `${TOKEN_ENV}: the HTTP bearer token (as --token).`,
    `${SSH_COMMAND_ENV}: the ssh command for ssh:// engines (default "ssh"; split on spaces, no shell).`,
    `${CONFIRM_SECRET_ENV}: the key that signs confirmation tokens (as --confirm-secret).`,
  );
  return lines.join('\n') + '\n';
}
