/**
 * Where the engine is and how to reach it: the parsed form of a DOCKER_HOST-style URL.
 */

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Check the engine's certificate (false only when the user turned it off). */
  verify: boolean;
}

export type EngineAddress =
  | { kind: 'unix'; socketPath: string; url: string; source: string }
  /** A Windows named pipe (`\\.\pipe\docker_engine`): Node and undici connect to it as to a socket path. */
  | { kind: 'npipe'; socketPath: string; url: string; source: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles; url: string; source: string }
  | { kind: 'ssh'; user?: string; host: string; port?: number; url: string; source: string };

export class AddressError extends Error {
  override readonly name = 'AddressError';
}

export interface TlsSettings {
  /** TLS is on (DOCKER_TLS_VERIFY or DOCKER_TLS set, a context's TLS folder, or port 2376). */
  enabled: boolean;
  verify: boolean;
  files: Omit<TlsFiles, 'verify'>;
}

const NO_TLS: TlsSettings = { enabled: false, verify: true, files: {} };

/**
 * Parse a DOCKER_HOST value: unix://path, npipe:////./pipe/NAME (Windows), tcp://host[:port],
 * http(s)://host[:port], ssh://[user@]host[:port]. `source` says where the value came from,
 * for error messages; `platform` decides which local kind works here (a unix socket
 * everywhere but Windows, a named pipe only there).
 */
export function parseEngineUrl(
  raw: string,
  source: string,
  tls: TlsSettings = NO_TLS,
  platform: NodeJS.Platform = process.platform,
): EngineAddress {
  const value = raw.trim();
  if (value.startsWith('/')) return unixAddress(value, source, platform);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new AddressError(
      `${source}: "${raw}" is not an engine address; use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host`,
    );
  }
  if (scheme === 'unix') {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw new AddressError(
        `${source}: "${raw}" needs an absolute socket path, as in unix:///var/run/docker.sock`,
      );
    }
    return unixAddress(socketPath, source, platform);
  }
  if (scheme === 'npipe') return pipeAddress(value, raw, source, platform);
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https' && scheme !== 'ssh') {
    const local = platform === 'win32' ? 'npipe://' : 'unix://';
    throw new AddressError(
      `${source}: unsupported scheme "${scheme}://" in "${raw}"; use ${local}, tcp:// or ssh://`,
    );
  }
  let url: URL;
  try {
    url = new URL(value.replace(/^tcp:/i, 'http:').replace(/^ssh:/i, 'http:'));
  } catch {
    throw new AddressError(`${source}: "${raw}" is not a valid URL`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new AddressError(`${source}: "${raw}" has no host name`);
  const port = url.port === '' ? undefined : Number(url.port);
  if (scheme === 'ssh') {
    const user = url.username === '' ? undefined : decodeURIComponent(url.username);
    return { kind: 'ssh', host, url: value, source, ...(user && { user }), ...(port && { port }) };
  }
  const useTls = scheme === 'https' || tls.enabled || port === 2376;
  const resolvedPort = port ?? (useTls ? 2376 : 2375);
  const address: EngineAddress = {
    kind: 'tcp',
    host,
    port: resolvedPort,
    url: `tcp://${url.hostname}:${resolvedPort}`,
    source,
  };
  if (useTls) address.tls = { ...tls.files, verify: tls.verify };
  return address;
}

function unixAddress(socketPath: string, source: string, platform: NodeJS.Platform): EngineAddress {
  // Node on Windows connects a "socket path" as a named pipe, never as an AF_UNIX socket.
  if (platform === 'win32')
    throw new AddressError(
      `${source}: unix://${socketPath} is a unix socket, which Node cannot reach on Windows; Docker Desktop's engine is npipe:////./pipe/docker_engine (the default here)`,
    );
  return { kind: 'unix', socketPath, url: `unix://${socketPath}`, source };
}

/**
 * npipe:////./pipe/docker_engine, as the Docker CLI writes it, is the pipe
 * \\.\pipe\docker_engine: slashes become backslashes. Only this machine's pipes (`.`).
 */
const LOCAL_PIPE = /^\\\\\.\\pipe\\[^\\]+$/;

function pipeAddress(
  value: string,
  raw: string,
  source: string,
  platform: NodeJS.Platform,
): EngineAddress {
  if (platform !== 'win32')
    throw new AddressError(
      `${source}: named pipes (npipe://) exist only on Windows; this server runs on ${platform}: use unix:///var/run/docker.sock, tcp:// or ssh://`,
    );
  const socketPath = value.slice('npipe://'.length).replace(/\//g, '\\');
  if (!LOCAL_PIPE.test(socketPath))
    throw new AddressError(
      `${source}: "${raw}" is not a local named pipe; write it as npipe:////./pipe/docker_engine`,
    );
  return { kind: 'npipe', socketPath, url: `npipe://${socketPath.replace(/\\/g, '/')}`, source };
}

/** The address as people write it, for messages. */
export function describeAddress(address: EngineAddress): string {
  return address.kind === 'tcp' && address.tls ? `${address.url} (TLS)` : address.url;
}
