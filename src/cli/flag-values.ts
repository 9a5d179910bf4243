/** What a command-line flag is, and the helpers the flag tables share. */
import { UsageError, type Config } from '../config.js';

export interface Flag {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in --help, e.g. URL. */
  value?: string;
  help: string;
  group: string;
  /**
   * The environment variable that gives this flag when the command line does not (./env-flags.ts):
   * the channel desktop bundles, Gemini CLI extension settings, registry entries and
   * `docker run -e` configure a server through.
   */
  env?: string;
  apply(config: Config, value: string | boolean | string[]): void;
}

export const str = (value: string | boolean | string[]): string =>
  Array.isArray(value) ? value.join(',') : String(value);

/** The values of a repeatable flag, as a list even when given once. */
export const list = (value: string | boolean | string[]): string[] =>
  Array.isArray(value) ? value : [String(value)];

/** Names given comma-separated, in one or several uses of a flag: "a,b" "c" -> [a, b, c]. */
export function commaList(value: string | boolean | string[]): string[] {
  return list(value)
    .flatMap((item) => item.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function positiveNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new UsageError(`--${flag} "${value}" must be a positive number`);
  }
  return number;
}

export function positiveInteger(flag: string, value: string): number {
  const number = positiveNumber(flag, value);
  if (!Number.isInteger(number))
    throw new UsageError(`--${flag} "${value}" must be a whole number`);
  return number;
}
