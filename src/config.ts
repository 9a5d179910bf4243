/** The server's settings, from flags and environment (see ./flags.ts), read by every layer. */
import type { LogLevel } from './log.js';

export interface Config {
  /** --host: an engine URL; overrides contexts and DOCKER_HOST. */
  host?: string;
  /** --context: a Docker CLI context name. */
  context?: string;
  /** --api-version: pin the Engine API version instead of negotiating. */
  apiVersion?: string;
  /** --timeout: quick engine calls fail after this many ms. */
  timeoutMs: number;
  logLevel: LogLevel;
  /** --max-file-bytes: the largest container file a resource read returns whole. */
  maxFileBytes: number;
  /** --export-dir: the only directory (resolved, real path) where save_to may write. */
  exportDir?: string;
}

export const DEFAULT_CONFIG: Config = {
  timeoutMs: 30_000,
  logLevel: 'info',
  maxFileBytes: 1024 * 1024,
};
