/**
 * Flags given through the environment. Desktop bundles (.mcpb user settings), Gemini CLI
 * extension settings, MCP Registry entries and `docker run -e` configure a server with
 * variables, not with a command line: a setting left empty arrives as an empty variable, and a
 * switch as "true" or "false". So a flag that declares `env` (./flag-values.ts) is read from
 * that variable when the command line does not give it; empty means not given.
 */
import { UsageError } from '../config.js';
import type { Flag } from './flag-values.js';

const YES = /^(1|true|yes|on)$/i;
const NO = /^(0|false|no|off)$/i;

/**
 * The value each flag with a variable takes from the environment, as the command line would
 * give it (a switch: true; a repeatable flag: one value), for the flags the command line left out.
 */
export function flagsFromEnv(
  flags: readonly Flag[],
  given: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): Map<Flag, string | boolean | string[]> {
  const values = new Map<Flag, string | boolean | string[]>();
  for (const flag of flags) {
    const raw = flag.env === undefined || given.has(flag.name) ? undefined : env[flag.env];
    const text = raw?.trim() ?? '';
    if (text === '') continue;
    if (flag.type === 'string') values.set(flag, flag.multiple ? [text] : text);
    else if (YES.test(text)) values.set(flag, true);
    else if (!NO.test(text))
      throw new UsageError(
        `${flag.env}="${raw}" (the environment form of --${flag.name}) must be true or false; leave it empty for the default`,
      );
  }
  return values;
}

/** Apply a flag's value, naming the variable in the error when it came from there. */
export function applyFlag(
  flag: Flag,
  config: Parameters<Flag['apply']>[0],
  value: string | boolean | string[],
  fromEnv: boolean,
): void {
  try {
    flag.apply(config, value);
  } catch (error) {
    if (!fromEnv || !(error instanceof UsageError)) throw error;
    throw new UsageError(`${flag.env} (the environment form of --${flag.name}): ${error.message}`);
  }
}

/** The variables of every flag that has one, for --help and a client snippet's env. */
export function flagVariables(flags: readonly Flag[]): string[] {
  return flags.flatMap((flag) => (flag.env === undefined ? [] : [flag.env]));
}
