/**
 * Command-line flags: one table drives parsing, validation and --help, so a flag cannot be
 * parsed without being documented.
 */
import { realpathSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, type Config } from './config.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { didYouMean } from './render/suggest.js';
import { formatBytesIEC, parseByteSize } from './render/units.js';
import { parseApiVersion } from './engine/version.js';

interface Flag {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in --help, e.g. URL. */
  value?: string;
  help: string;
  group: string;
  apply(config: Config, value: string | boolean | string[]): void;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const str = (value: string | boolean | string[]): string =>
  Array.isArray(value) ? value.join(',') : String(value);

/**
 * One file travels base64-encoded inside one JSON-RPC message, which stdio caps at 10 MiB:
 * 7 MiB is 9.3 MiB as base64, with room left for the envelope.
 */
export const MAX_FILE_BYTES_LIMIT = 7 * 1024 * 1024;

export const FLAGS: Flag[] = [
  {
    name: 'host',
    type: 'string',
    value: 'URL',
    group: 'Engine',
    help: 'Engine address: unix:///var/run/docker.sock, tcp://host:2376 (overrides DOCKER_HOST and contexts)',
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
    name: 'max-file-bytes',
    type: 'string',
    value: 'SIZE',
    group: 'Files',
    help: `Largest file a container:// resource read returns whole (default 1MiB, at most ${formatBytesIEC(MAX_FILE_BYTES_LIMIT)}); bytes or 512KiB, 4MiB`,
    apply: (config, value) => (config.maxFileBytes = fileByteCap(str(value))),
  },
  {
    name: 'export-dir',
    type: 'string',
    value: 'DIR',
    group: 'Files',
    help: 'Directory where container_export may save tars (save_to); without it, save_to is refused',
    apply: (config, value) => (config.exportDir = existingDirectory('export-dir', str(value))),
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
];

function fileByteCap(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes <= 0)
    throw new UsageError(
      `--max-file-bytes "${value}" is not a size; give bytes (1048576) or a unit (512KiB, 4MiB)`,
    );
  if (bytes > MAX_FILE_BYTES_LIMIT)
    throw new UsageError(
      `--max-file-bytes "${value}" is over ${formatBytesIEC(MAX_FILE_BYTES_LIMIT)}: a larger file does not fit in one MCP message; use container_export with save_to for big files`,
    );
  return bytes;
}

/** The real path of an existing directory: symlinks resolved once, at start-up. */
function existingDirectory(flag: string, value: string): string {
  let real: string;
  try {
    real = realpathSync(value);
  } catch {
    throw new UsageError(`--${flag} "${value}" does not exist; create the directory first`);
  }
  if (!statSync(real).isDirectory())
    throw new UsageError(`--${flag} "${value}" is not a directory`);
  return real;
}

export function positiveNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new UsageError(`--${flag} "${value}" must be a positive number`);
  }
  return number;
}

export interface ParsedCommand {
  action: 'serve' | 'help' | 'version';
  config: Config;
}

export function parseCommandLine(argv: readonly string[]): ParsedCommand {
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
    `Usage: ${name} [flags]          serve MCP over stdio`,
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
  );
  return lines.join('\n') + '\n';
}
