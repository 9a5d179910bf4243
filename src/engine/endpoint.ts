/**
 * A declared engine endpoint: method, path template, the statuses that count as an answer,
 * and the API version it needs. Anything outside `expect` becomes an EngineError.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** Path template under /vX.Y, with {name} parameters: "/containers/{id}/json". */
  path: string;
  /** Statuses that are answers, not errors (304 "already started" is one for start). */
  expect: readonly number[];
  /** The oldest API version that has this endpoint. */
  minVersion?: string;
  /**
   * Long-lived (wait, logs --follow, stats streams, export, archive): served by the stream
   * pool and not cut by the quick-call timeout; the caller bounds it.
   */
  long?: boolean;
  /**
   * The engine holds the answer back until something happens (a wait's condition, events up
   * to `until`): sent on a connection of its own, closed as soon as the call ends or is
   * cancelled, never queued behind another request or kept for the next one (./client.ts).
   */
  held?: boolean;
  /**
   * Podman's Docker-compatible service lacks this endpoint (it answers 404): before Podman
   * `before` when given, else in every version. Refused before calling, naming the engine.
   */
  missingOnPodman?: { before?: string };
}

export function endpoint<const E extends Endpoint>(spec: E): E {
  return spec;
}

export function describeEndpoint(ep: Endpoint): string {
  return `${ep.method} ${ep.path}`;
}

export type QueryValue = string | number | boolean | null | undefined | object;

/** Fill the path template; every parameter is percent-encoded (names can hold anything). */
export function buildPath(
  ep: Endpoint,
  params: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
): string {
  const path = ep.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new Error(`${describeEndpoint(ep)}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'boolean') search.append(key, value ? '1' : '0');
    else if (typeof value === 'object') search.append(key, JSON.stringify(value));
    else search.append(key, String(value));
  }
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}
