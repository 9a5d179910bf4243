/**
 * Where the HTTP transport listens: `--http [HOST:]PORT`, and which Host header names
 * belong to that address (the DNS-rebinding check compares against them).
 */
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export interface Listen {
  /** As given, IPv6 without brackets: "127.0.0.1", "::1", "0.0.0.0", "mcp.example.com". */
  host: string;
  port: number;
}

export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** Parse "8080", "0.0.0.0:8080", "[::1]:8080", "localhost:8080"; undefined when malformed. */
export function parseListen(value: string): Listen | undefined {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]+):)?(\d{1,5})$/.exec(value.trim());
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port > 65_535) return undefined;
  const raw = match[1] ?? DEFAULT_HTTP_HOST;
  const host = raw.startsWith('[') ? raw.slice(1, -1) : raw.toLowerCase();
  if (raw.startsWith('[') && isIP(host) !== 6) return undefined;
  if (!raw.startsWith('[') && isIP(host) === 0 && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(host))
    return undefined;
  return { host, port };
}

/** Only this machine can reach it: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** A host as it appears in a URL or a Host header: IPv6 in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The Host header names a request may carry (without port): the bound address, the
 * loopback names when bound to loopback, every local address and the machine's name when
 * bound to all interfaces, and whatever --allow-host adds (a DNS name, a load balancer's).
 */
export function allowedHostNames(listen: Listen, extra: readonly string[]): Set<string> {
  const names = new Set([urlHost(listen.host), ...extra.map((name) => name.toLowerCase())]);
  if (isLoopback(listen.host) || isWildcard(listen.host))
    for (const name of LOOPBACK_NAMES) names.add(name);
  if (isWildcard(listen.host)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? []) names.add(urlHost(address.address.toLowerCase()));
  }
  return names;
}

/** The name part of a Host header ("[::1]:8080" -> "[::1]"), lower-cased. */
export function hostHeaderName(header: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d+)?$/.exec(header);
  if (bracketed) return (bracketed[1] ?? header).toLowerCase();
  return header.replace(/:\d+$/, '').toLowerCase();
}
