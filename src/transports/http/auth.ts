/**
 * Bearer-token authentication. Tokens are compared as SHA-256 digests with
 * timingSafeEqual: equal lengths always, and no early exit that would leak a prefix.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';

export type AuthResult = 'ok' | 'missing' | 'invalid';

const REALM = 'container-mcp';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export class BearerAuth {
  private readonly expected: Buffer;
  /**
   * Who a request with the token is, for what is bound to a caller (confirmations): the
   * token's identity, a digest prefix that says nothing of the token itself. One token per
   * server, so every client holding it is this one caller.
   */
  readonly identity: AuthInfo;

  constructor(token: string) {
    this.expected = digest(token);
    const id = createHash('sha256').update(`container-mcp identity\0${token}`).digest('hex');
    this.identity = { token: '', clientId: `token-${id.slice(0, 16)}`, scopes: [] };
  }

  check(req: IncomingMessage): AuthResult {
    const header = req.headers.authorization;
    if (header === undefined) return 'missing';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match?.[1]) return 'invalid';
    return timingSafeEqual(digest(match[1]), this.expected) ? 'ok' : 'invalid';
  }
}

/** The WWW-Authenticate challenge for a refused request (RFC 6750). */
export function challenge(result: Exclude<AuthResult, 'ok'>): string {
  return result === 'missing'
    ? `Bearer realm="${REALM}"`
    : `Bearer realm="${REALM}", error="invalid_token"`;
}
