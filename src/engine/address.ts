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

/**
 * Parse a DOCKER_HOST value: unix://path, tcp://host[:port], http(s)://host[:port],
 * ssh://[user@]host[:port]. `source` says where the value came from, for error messages.
 */
export function parseEngineUrl(
  raw: string,
  source: string,
  tls: TlsSettings = { enabled: false, verify: true, files: {} },
): EngineAddress {
  const value = raw.trim();
  if (value.startsWith('/'))
    return { kind: 'unix', socketPath: value, url: `unix://${value}`, source };
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
    return { kind: 'unix', socketPath, url: `unix://${socketPath}`, source };
  }
  if (scheme === 'npipe') {
    throw new AddressError(
      `${source}: named pipes (npipe://) exist only on Windows; this server runs on ${process.platform}`,
    );
  }
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https' && scheme !== 'ssh') {
    throw new AddressError(
      `${source}: unsupported scheme "${scheme}://" in "${raw}"; use unix://, tcp:// or ssh://`,
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

/** The address as people write it, for messages. */
export function describeAddress(address: EngineAddress): string {
  return address.kind === 'tcp' && address.tls ? `${address.url} (TLS)` : address.url;
}
