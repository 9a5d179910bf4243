/**
 * Confirmation under --stateless: every request gets a fresh server, and nothing a client
 * presents (the bearer token) tells one client from another, so a token could not be bound
 * to the client it was given to. A 2026-07-28 client that can ask the person still gets the
 * question: its answer comes back with the repeated call, to any process. A 2025-era client
 * has no session to be asked through. So by default a client that cannot be asked is
 * refused, and an explicit --confirm-fallback token accepts tokens that any client may redeem.
 */
import type { ConfirmConfig } from '../../config.js';
import type { Era } from '../../mcp/request.js';

/** Why a guarded call is refused in this mode, for the answer. */
export function STATELESS_REFUSAL(era: Era): string {
  const why =
    era === 'legacy'
      ? 'the server runs --stateless: a 2025-era client has no session to be asked through, and a token could not be bound to this client'
      : 'the server runs --stateless and this client cannot ask the user (no form elicitation), and a token could not be bound to this client';
  return `${why}. Use a client that speaks MCP 2026-07-28 and can ask the user, or start the server with --confirm-fallback token to accept one-time tokens (any client with the server token can redeem one), or with --confirm none`;
}

/** What protection remains, said once at start-up (stderr); undefined when not stateless. */
export function statelessNote(confirm: ConfirmConfig): string | undefined {
  switch (confirm.stateless) {
    case undefined:
      return undefined;
    case 'refuse':
      return '--stateless: guarded calls are confirmed by the user only through clients that speak MCP 2026-07-28 and can ask (the answer comes back with the repeated call); other clients are refused (--confirm-fallback token accepts one-time tokens instead, --confirm none runs them unasked)';
    case 'fallback':
      return confirm.fallback === 'deny'
        ? '--stateless: guarded calls are confirmed by the user only through clients that speak MCP 2026-07-28 and can ask; other clients are refused (--confirm-fallback deny)'
        : '--stateless with --confirm-fallback token: clients that speak MCP 2026-07-28 and can ask get the question; other clients get a one-time token, which binds the tool, the arguments, the engine and its state but no client: any client with the server token can redeem it (once)';
  }
}
