/**
 * The policy layer as server.ts applies it: the tools transformation, and the middlewares in
 * their order (guards, then the target's one lookup through the scope, then the scope's
 * filters and create checks: a body is refused before any engine lookup).
 */
import type { Config } from '../../config.js';
import type { ToolMiddleware } from '../../mcp/middleware.js';
import { redactMiddleware } from '../redact-middleware.js';
import { targetResolution } from '../target-resolution.js';
import { guardMiddleware } from './guard-middleware.js';
import { scopeMiddleware } from './scope-middleware.js';

export { applyToolPolicy } from './tool-filter.js';

export function policyMiddlewares(config: Config): ToolMiddleware[] {
  const scope = config.policy.scopeLabel;
  return [
    guardMiddleware(config.policy),
    targetResolution(scope),
    ...(scope ? [scopeMiddleware(scope)] : []),
  ];
}

/** Innermost, next to the tool: it redacts the tool's own answer and nothing around it. */
export function redactionMiddlewares(config: Config): ToolMiddleware[] {
  return config.policy.redact ? [redactMiddleware] : [];
}
