/**
 * Which engine to talk to, resolved as the Docker CLI does on each platform:
 * --host, --context, DOCKER_HOST, DOCKER_CONTEXT, currentContext in config.json, then the
 * platform's default engine (./default-engine.ts). The config folder is $DOCKER_CONFIG, else
 * `.docker` in the home folder: %USERPROFILE% on Windows, $HOME elsewhere.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseEngineUrl, type EngineAddress, type TlsSettings } from './address.js';
import { currentContextName, readContext, readPemFiles } from './contexts.js';
import { findDefaultEngine } from './default-engine.js';

export interface ResolveInput {
  /** --host */
  host?: string;
  /** --context */
  context?: string;
  env?: NodeJS.ProcessEnv;
  /** The home folder (default: from env as the Docker CLI reads it, else the OS's answer). */
  home?: string;
  /** Which platform's rules apply (default: this process's; tests inject others). */
  platform?: NodeJS.Platform;
  /** Where host or context came from, for messages (default "--host" / "--context"). */
  source?: string;
  /** The system socket to look for first (tests point it at a temporary directory). */
  systemSocket?: string;
}

/** The settings every step reads, worked out once. */
interface Where {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  configDir: string;
  systemSocket: string | undefined;
}

/** The home folder as the Docker CLI finds it: %USERPROFILE% on Windows, $HOME elsewhere. */
function homeFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const fromEnv = platform === 'win32' ? env.USERPROFILE : env.HOME;
  return nonEmpty(fromEnv) ? fromEnv : homedir();
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG !== undefined && env.DOCKER_CONFIG !== ''
    ? env.DOCKER_CONFIG
    : join(home, '.docker');
}

export function resolveEngineAddress(input: ResolveInput = {}): EngineAddress {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const home = input.home ?? homeFolder(env, platform);
  const where: Where = {
    env,
    platform,
    home,
    configDir: dockerConfigDir(env, home),
    systemSocket: input.systemSocket,
  };

  if (input.host !== undefined && input.host !== '') {
    return fromUrl(input.host, input.source ?? '--host', where);
  }
  if (input.context !== undefined && input.context !== '') {
    return fromContext(input.context, input.source ?? '--context', where);
  }
  if (nonEmpty(env.DOCKER_HOST)) return fromUrl(env.DOCKER_HOST, 'DOCKER_HOST', where);
  if (nonEmpty(env.DOCKER_CONTEXT)) {
    return fromContext(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', where);
  }
  const current = currentContextName(where.configDir);
  if (current !== undefined) {
    return fromContext(current, `currentContext in ${join(where.configDir, 'config.json')}`, where);
  }
  return defaultAddress(where);
}

function fromUrl(url: string, source: string, where: Where): EngineAddress {
  return parseEngineUrl(url, source, envTls(where.env, where.configDir), where.platform);
}

function defaultAddress(where: Where, source?: string): EngineAddress {
  const found = findDefaultEngine({
    platform: where.platform,
    env: where.env,
    home: where.home,
    ...(where.systemSocket !== undefined && { systemSocket: where.systemSocket }),
  });
  return parseEngineUrl(
    found.url,
    source === undefined ? found.source : `${source} (context "default", ${found.source})`,
    undefined,
    where.platform,
  );
}

function fromContext(name: string, source: string, where: Where): EngineAddress {
  // "default" is the CLI's built-in context: DOCKER_HOST or the platform's default engine.
  if (name === 'default') {
    return nonEmpty(where.env.DOCKER_HOST)
      ? fromUrl(where.env.DOCKER_HOST, 'DOCKER_HOST', where)
      : defaultAddress(where, source);
  }
  const context = readContext(where.configDir, name);
  return parseEngineUrl(context.host, `${source} (context "${name}")`, context.tls, where.platform);
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
