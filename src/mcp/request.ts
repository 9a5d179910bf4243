/**
 * What the wrapper knows of a tools/call beyond its arguments, in the protocol's terms but
 * free of the SDK's types: who calls and in which protocol era, what this round brought
 * back (a multi round-trip retry), how to report progress and notice cancellation. The
 * server layer (src/server/build.ts) fills it from the SDK's request context.
 */

/** The two protocol families: 2026-07-28 (stateless, per request) and 2025-11-25 and before. */
export type Era = 'modern' | 'legacy';

export interface ClientView {
  era: Era;
  /** The client can show the person a form (form elicitation, declared by the client). */
  canElicit: boolean;
  /**
   * Who is calling, as far as the server can tell: the bearer token's identity over HTTP,
   * the session for a 2025-era HTTP session; '' on stdio (one client per process).
   * Confirmations are bound to it.
   */
  principal: string;
  /** The 2025-era HTTP session, for the audit log. */
  sessionId?: string;
  /** No sessions (--stateless), and a 2025-era client: no person can be asked. */
  sessionless: boolean;
}

/** A multi round-trip retry's answers and the state the server handed out the round before. */
export interface Round {
  /** `requestState` as the client echoed it: untrusted until the server verifies it. */
  state?: string;
  /** `inputResponses`, keyed as the server asked: untrusted. */
  responses?: Readonly<Record<string, unknown>>;
}

export interface CallRequest {
  signal: AbortSignal;
  client: ClientView;
  round: Round;
  /** Send a progress notification about this call (the client asked for progress). */
  progress?: (progress: number, total?: number, message?: string) => Promise<void>;
}
