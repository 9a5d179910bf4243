/**
 * Which engine to talk to, resolved as the Docker CLI does:
 * --host, --context, DOCKER_HOST, DOCKER_CONTEXT, currentContext in config.json, then the
 * default socket (or a rootless engine's socket when there is no system one).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseEngineUrl, type EngineAddress, type TlsSettings } from './address.js';
import { currentContextName, readContext, readPemFiles } from './contexts.js';
import { findDefaultSocket } from './default-socket.js';

export { DEFAULT_SOCKET } from './default-socket.js';

export interface ResolveInput {
  /** --host */
  host?: string;
  /** --context */
  context?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Where host or context came from, for messages (default "--host" / "--context"). */
  source?: string;
  /** The system socket to look for first (tests point it at a temporary directory). */
  systemSocket?: string;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG !== undefined && env.DOCKER_CONFIG !== ''
    ? env.DOCKER_CONFIG
    : join(home, '.docker');
}

export function resolveEngineAddress(input: ResolveInput = {}): EngineAddress {
  const env = input.env ?? process.env;
  const configDir = dockerConfigDir(env, input.home ?? homedir());

  if (input.host !== undefined && input.host !== '') {
    return parseEngineUrl(input.host, input.source ?? '--host', envTls(env, configDir));
  }
  if (input.context !== undefined && input.context !== '') {
    return fromContext(input.context, input.source ?? '--context', input, env, configDir);
  }
  if (nonEmpty(env.DOCKER_HOST)) {
    return parseEngineUrl(env.DOCKER_HOST, 'DOCKER_HOST', envTls(env, configDir));
  }
  if (nonEmpty(env.DOCKER_CONTEXT)) {
    return fromContext(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', input, env, configDir);
  }
  const current = currentContextName(configDir);
  if (current !== undefined) {
    return fromContext(
      current,
      `currentContext in ${join(configDir, 'config.json')}`,
      input,
      env,
      configDir,
    );
  }
  return defaultAddress(input, env);
}

function defaultAddress(input: ResolveInput, env: NodeJS.ProcessEnv, source?: string) {
  const socket = findDefaultSocket(env, input.systemSocket);
  return parseEngineUrl(
    `unix://${socket.path}`,
    source === undefined ? socket.source : `${source} (context "default", ${socket.source})`,
  );
}

function fromContext(
  name: string,
  source: string,
  input: ResolveInput,
  env: NodeJS.ProcessEnv,
  configDir: string,
): EngineAddress {
  // "default" is the CLI's built-in context: DOCKER_HOST or the default socket.
  if (name === 'default') {
    return nonEmpty(env.DOCKER_HOST)
      ? parseEngineUrl(env.DOCKER_HOST, 'DOCKER_HOST', envTls(env, configDir))
      : defaultAddress(input, env, source);
  }
  const context = readContext(configDir, name);
  return parseEngineUrl(context.host, `${source} (context "${name}")`, context.tls);
}

/** TLS from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH (default: the config dir). */
function envTls(env: NodeJS.ProcessEnv, configDir: string): TlsSettings {
  const verifyRequested = nonEmpty(env.DOCKER_TLS_VERIFY);
  const tlsRequested = nonEmpty(env.DOCKER_TLS);
  const certDir = nonEmpty(env.DOCKER_CERT_PATH) ? env.DOCKER_CERT_PATH : configDir;
  return {
    enabled: verifyRequested || tlsRequested,
    // DOCKER_TLS alone means "TLS without verification", as in the Docker CLI.
    verify: verifyRequested || !tlsRequested,
    files: readPemFiles(certDir),
  };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
