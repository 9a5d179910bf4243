/**
 * Confirmation under --stateless: every request gets a fresh server, so there is no session
 * to ask a person through (the answer to an elicitation would reach another server) and
 * nothing a client presents that a second client could not present too (they share the
 * bearer token). So no person is in the loop; by default guarded calls are refused, and
 * an explicit --confirm-fallback token accepts tokens that any client may redeem.
 */
import type { ConfirmConfig } from '../../config.js';

/** Why a guarded call is refused in this mode, for the answer. */
export const STATELESS_REFUSAL =
  'the server runs --stateless: with no session it cannot ask the user, and a token could not be bound to this client. ' +
  'Start it with --confirm-fallback token to accept one-time tokens (any client with the server token can redeem one), or with --confirm none';

/** What protection remains, said once at start-up (stderr); undefined when not stateless. */
export function statelessNote(confirm: ConfirmConfig): string | undefined {
  switch (confirm.stateless) {
    case undefined:
      return confirm.mode.kind === 'none'
        ? undefined
        : '--stateless: no person can be asked to confirm anything';
    case 'refuse':
      return '--stateless: no person can be asked to confirm (no session), so guarded calls are refused; --confirm-fallback token accepts one-time tokens instead, --confirm none runs them unasked';
    case 'fallback':
      return confirm.fallback === 'deny'
        ? '--stateless: no person can be asked to confirm; guarded calls are refused (--confirm-fallback deny)'
        : '--stateless with --confirm-fallback token: no person is asked; a guarded call runs when repeated with its one-time token, which binds the tool, the arguments and the engine state but no client: any client with the server token can redeem it (once per process)';
  }
}
