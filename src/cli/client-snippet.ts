/**
 * --check's ready-to-paste client configuration for the command line it was given: the same
 * flags (minus --check), the command as a client can start it from any folder, and the
 * environment the engine was resolved from (a client started from a dock or a menu does not
 * inherit a shell's DOCKER_HOST). Secrets are never printed: a token flag becomes a
 * placeholder, and token variables are named, not shown.
 *
 * The command is the one the user would paste: `npx -y container-mcp` when this run came
 * through npx, the bare command from a global install, node and this script's real path from
 * a checkout or a project's node_modules.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, sep } from 'node:path';
import type { Config } from '../config.js';
import { CONFIRM_SECRET_ENV } from './confirm-flags.js';
import { flagVariables } from './env-flags.js';
import { FLAGS } from './flags.js';
import { TOKEN_ENV } from './http-flags.js';
import { SSH_COMMAND_ENV } from '../engine/ssh.js';
import { PACKAGE_NAME } from '../version.js';

/** Variables the engine's resolution reads: passed on when set. */
const ENGINE_ENV = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_TLS_VERIFY',
  'DOCKER_TLS',
  'DOCKER_CERT_PATH',
  SSH_COMMAND_ENV,
];
/** Variables a server reads: the engine's, and the flags given through the environment. */
const PASSED_ENV = [...ENGINE_ENV, ...flagVariables(FLAGS)];
const SECRET_FLAGS = new Set(['--token', '--confirm-secret']);
const NAME = 'containers';

export interface Invocation {
  argv: readonly string[];
  /** process.argv[1]: how this command was started. */
  script: string;
  env: NodeJS.ProcessEnv;
  execPath: string;
  platform: NodeJS.Platform;
}

export function clientSnippet(config: Config, invocation: Invocation): string[] {
  const args = withoutSecrets(invocation.argv.filter((arg) => arg !== '--check'));
  if (config.http.listen) return httpSnippet(config, args, invocation);
  const { command, prefix } = commandOf(invocation);
  const all = [...prefix, ...args];
  const env = Object.fromEntries(
    PASSED_ENV.flatMap((key) => (invocation.env[key] ? [[key, invocation.env[key]]] : [])),
  );
  const server = {
    command,
    ...(all.length > 0 && { args: all }),
    ...(Object.keys(env).length > 0 && { env }),
  };
  const envFlags = Object.entries(env).map(
    ([key, value]) => `-e ${shellQuote(`${key}=${value}`)} `,
  );
  return [
    'Claude Code:',
    `  claude mcp add ${envFlags.join('')}${NAME} -- ${[command, ...all].map(shellQuote).join(' ')}`,
    'Claude Desktop (claude_desktop_config.json), Cursor (.cursor/mcp.json):',
    `  ${JSON.stringify({ mcpServers: { [NAME]: server } })}`,
    'VS Code (.vscode/mcp.json):',
    `  ${JSON.stringify({ servers: { [NAME]: { type: 'stdio', ...server } } })}`,
  ];
}

function httpSnippet(config: Config, args: string[], invocation: Invocation): string[] {
  const listen = config.http.listen;
  if (!listen) return [];
  const scheme = config.http.tlsCert ? 'https' : 'http';
  const loopback = listen.host === '0.0.0.0' || listen.host === '::' ? '127.0.0.1' : listen.host;
  const host = loopback.includes(':') ? `[${loopback}]` : loopback;
  const url = `${scheme}://${host}:${listen.port}/mcp`;
  const header = `Authorization: Bearer $${TOKEN_ENV}`;
  const { command, prefix } = commandOf(invocation);
  return [
    `Start the server (keep ${TOKEN_ENV} set: clients send it${invocation.env[CONFIRM_SECRET_ENV] ? `; ${CONFIRM_SECRET_ENV} too` : ''}):`,
    `  ${[command, ...prefix, ...args].map(shellQuote).join(' ')}`,
    'Claude Code:',
    `  claude mcp add --transport http ${NAME} ${url} --header "${header}"`,
    'VS Code (.vscode/mcp.json):',
    `  ${JSON.stringify({ servers: { [NAME]: { type: 'http', url, headers: { Authorization: `Bearer \${env:${TOKEN_ENV}}` } } } })}`,
  ];
}

/**
 * How a client starts this command: through npx when this run came from npx's cache (npm keeps
 * what `npx` fetches under a `_npx` folder; on Windows a client needs `cmd /c` to start npx);
 * `container-mcp` when it is the installed command on the PATH (npm install -g); else node with
 * this script's real path, which works from any folder (a checkout, a project's node_modules).
 */
function commandOf({ script, env, execPath, platform }: Invocation): {
  command: string;
  prefix: string[];
} {
  const real = existsSync(script) ? realpathSync(script) : script;
  if (real.split(/[\\/]/).includes('_npx')) {
    const npx = ['npx', '-y', PACKAGE_NAME];
    return platform === 'win32'
      ? { command: 'cmd', prefix: ['/c', ...npx] }
      : { command: 'npx', prefix: npx.slice(1) };
  }
  const onPath = (env.PATH ?? '').split(delimiter).includes(dirname(script));
  const installed = !script.split(sep).includes('node_modules');
  if (basename(script) === PACKAGE_NAME && onPath && installed)
    return { command: PACKAGE_NAME, prefix: [] };
  return { command: execPath, prefix: [real] };
}

function withoutSecrets(argv: string[]): string[] {
  return argv.map((arg, index) => {
    const flag = arg.split('=')[0] ?? '';
    if (SECRET_FLAGS.has(flag) && arg.includes('=')) return `${flag}=<secret>`;
    return index > 0 && SECRET_FLAGS.has(argv[index - 1] ?? '') ? '<secret>' : arg;
  });
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
