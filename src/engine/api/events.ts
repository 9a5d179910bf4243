/** The engine's event stream: GET /events, newline-delimited JSON, one event a line. */
import { endpoint } from '../endpoint.js';

/**
 * Held: with `until` the engine answers up to that time (in the future, it waits for it);
 * without, it streams until the caller lets go. A connection of its own either way.
 */
export const systemEvents = endpoint({
  method: 'GET',
  path: '/events',
  expect: [200],
  long: true,
  held: true,
});

/** One line of the stream, as Docker and Podman's compatible service send it. */
export interface RawEvent {
  Type?: string;
  Action?: string;
  /** Older engines' name for Action. */
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  scope?: string;
  time?: number;
  /** Past 2^53: read from the line's text, not from the parsed number. */
  timeNano?: number;
}
