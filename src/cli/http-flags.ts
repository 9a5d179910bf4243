/**
 * The Streamable HTTP transport's flags, and the checks that need them all at once: a token
 * from the environment, flags given without --http, and refusing to listen beyond this
 * machine without a token.
 */
import { UsageError, type HttpConfig } from '../config.js';
import { list, positiveInteger, positiveNumber, str, type Flag } from './flag-values.js';
import { isLoopback, parseListen, urlHost } from '../transports/http/bind.js';

export const TOKEN_ENV = 'CONTAINER_MCP_TOKEN';
const MIN_TOKEN_LENGTH = 16;
const MiB = 1024 * 1024;

export const HTTP_FLAGS: Flag[] = [
  {
    name: 'http',
    type: 'string',
    value: '[HOST:]PORT',
    group: 'HTTP',
    help: 'Serve Streamable HTTP at /mcp instead of stdio (host default 127.0.0.1; port 0 picks one)',
    apply: (config, value) => {
      const listen = parseListen(str(value));
      if (!listen)
        throw new UsageError(
          `--http "${str(value)}" is not [HOST:]PORT, e.g. 8080, 127.0.0.1:8080 or [::1]:8080`,
        );
      config.http.listen = listen;
    },
  },
  {
    name: 'token',
    type: 'string',
    value: 'TOKEN',
    group: 'HTTP',
    help: `Bearer token clients must send (prefer ${TOKEN_ENV}: flags show in ps); on loopback one is generated when absent`,
    apply: (config, value) => (config.http.token = str(value)),
  },
  {
    name: 'allow-origin',
    type: 'string',
    multiple: true,
    value: 'ORIGIN',
    group: 'HTTP',
    help: "A browser origin allowed to call besides the server's own, e.g. https://app.example.com",
    apply: (config, value) => config.http.allowOrigins.push(...list(value).map(parseOrigin)),
  },
  {
    name: 'allow-host',
    type: 'string',
    multiple: true,
    value: 'NAME',
    group: 'HTTP',
    help: "A Host header name to accept besides the listening address's own, e.g. a DNS name or a load balancer's",
    apply: (config, value) => config.http.allowHosts.push(...list(value).map(parseHostName)),
  },
  {
    name: 'tls-cert',
    type: 'string',
    value: 'FILE',
    group: 'HTTP',
    help: 'PEM certificate (chain) for HTTPS; needs --tls-key',
    apply: (config, value) => (config.http.tlsCert = str(value)),
  },
  {
    name: 'tls-key',
    type: 'string',
    value: 'FILE',
    group: 'HTTP',
    help: 'PEM private key for HTTPS; needs --tls-cert',
    apply: (config, value) => (config.http.tlsKey = str(value)),
  },
  {
    name: 'stateless',
    type: 'boolean',
    group: 'HTTP',
    help: 'No sessions: a new server per request, so several processes can share a load balancer. No person can be asked: guarded calls are refused unless --confirm-fallback token (tokens then bound to no client; several processes need --confirm-secret) or --confirm none',
    apply: (config, value) => (config.http.stateless = value === true),
  },
  {
    name: 'session-idle',
    type: 'string',
    value: 'SECONDS',
    group: 'HTTP',
    help: 'End a session after this long without a request (default 1800)',
    apply: (config, value) =>
      (config.http.sessionIdleMs = positiveNumber('session-idle', str(value)) * 1000),
  },
  {
    name: 'max-sessions',
    type: 'string',
    value: 'N',
    group: 'HTTP',
    help: 'Sessions at once (default 100); at the cap a new one ends the least recently used idle one',
    apply: (config, value) =>
      (config.http.maxSessions = positiveInteger('max-sessions', str(value))),
  },
  {
    name: 'max-body',
    type: 'string',
    value: 'MIB',
    group: 'HTTP',
    help: 'Largest request body in MiB (default 4); larger ones get 413',
    apply: (config, value) =>
      (config.http.maxBodyBytes = Math.floor(positiveNumber('max-body', str(value)) * MiB)),
  },
];

function parseOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const bare =
    url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!url || !bare || !/^https?:$/.test(url.protocol))
    throw new UsageError(
      `--allow-origin "${value}" is not an origin like https://app.example.com (scheme, host and port only)`,
    );
  return url.origin;
}

function parseHostName(value: string): string {
  const listen = parseListen(`${value}:1`);
  if (!listen)
    throw new UsageError(
      `--allow-host "${value}" is not a host name without a port, e.g. mcp.example.com or 10.0.0.5`,
    );
  return urlHost(listen.host);
}

/**
 * Cross-flag checks once every flag is applied. `given` names the flags on the command
 * line; the token may also come from the environment.
 */
export function finishHttpConfig(
  http: HttpConfig,
  given: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): void {
  const { listen } = http;
  if (!listen) {
    const stray = HTTP_FLAGS.find((flag) => flag.name !== 'http' && given.has(flag.name));
    if (stray) throw new UsageError(`--${stray.name} applies only with --http [HOST:]PORT`);
    return;
  }
  if (http.token === undefined && env[TOKEN_ENV]) http.token = env[TOKEN_ENV];
  if ((http.tlsCert === undefined) !== (http.tlsKey === undefined))
    throw new UsageError('--tls-cert and --tls-key go together: give both for HTTPS');
  if (http.token !== undefined) {
    const from = given.has('token') ? '--token' : TOKEN_ENV;
    if (http.token.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(http.token))
      throw new UsageError(
        `${from} must be at least ${MIN_TOKEN_LENGTH} printable characters without spaces (try: openssl rand -hex 32)`,
      );
  }
  if (http.token === undefined && !isLoopback(listen.host)) {
    throw new UsageError(
      `--http ${urlHost(listen.host)}:${listen.port} listens beyond this machine, where anyone who reaches the port could drive your containers: ` +
        `give a bearer token with ${TOKEN_ENV} (or --token), or listen on 127.0.0.1`,
    );
  }
}
