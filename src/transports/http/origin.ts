/**
 * Browser-borne attacks: DNS rebinding (a page whose name resolves to this machine sends
 * its own name in Host) and cross-site calls (a foreign Origin). Host must name the bound
 * address; Origin, when present, must be the server's own or one --allow-origin lists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowedHostNames, hostHeaderName, type Listen } from './bind.js';

export type Refusal = { status: 403; reason: string } | undefined;

export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;
  private readonly scheme: string;

  constructor(
    listen: Listen,
    options: { allowHosts: readonly string[]; allowOrigins: readonly string[]; tls: boolean },
  ) {
    this.scheme = options.tls ? 'https:' : 'http:';
    this.hosts = allowedHostNames(listen, options.allowHosts);
    this.origins = new Set(options.allowOrigins);
  }

  /** Why this request must be refused, or undefined when it may go on. */
  check(req: IncomingMessage): Refusal {
    const host = req.headers.host ?? '';
    if (!this.hosts.has(hostHeaderName(host)))
      return { status: 403, reason: `Host "${host}" is not a name of this server` };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin, host))
      return { status: 403, reason: `Origin "${origin}" is not allowed (see --allow-origin)` };
    return undefined;
  }

  /** An allowed cross-origin caller gets the CORS headers its browser needs. */
  addCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin === undefined || !this.origins.has(normalize(origin) ?? '')) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'Mcp-Session-Id, WWW-Authenticate');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
      res.setHeader(
        'access-control-allow-headers',
        'Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Last-Event-ID',
      );
      res.setHeader('access-control-max-age', '600');
    }
  }

  private originAllowed(origin: string, host: string): boolean {
    const normalized = normalize(origin);
    if (normalized === undefined) return false; // "null" (sandboxed pages, file://) included
    if (this.origins.has(normalized)) return true;
    // Same origin: the page was served by this very server under a Host already checked.
    return normalized === normalize(`${this.scheme}//${host}`);
  }
}

function normalize(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}
