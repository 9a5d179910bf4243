/**
 * The policy layer as server.ts applies it: the tools transformation, and the middlewares in
 * their order: the call's target looked up once, through the scope (a container outside it
 * does not exist for anything after); then the scope's filters and create checks (a new
 * container gets its label); then the settings guards; then the host-path re-check before a
 * start.
 */
import type { Config } from '../../config.js';
import type { ToolMiddleware } from '../../mcp/middleware.js';
import { redactMiddleware } from '../redact-middleware.js';
import { targetResolution } from '../target-resolution.js';
import { guardMiddleware } from './guard-middleware.js';
import { scopeMiddleware } from './scope-middleware.js';
import { startGuardMiddleware } from './start-guard.js';

export { applyToolPolicy } from './tool-filter.js';

export function policyMiddlewares(config: Config): ToolMiddleware[] {
  const scope = config.policy.scopeLabel;
  return [
    targetResolution(scope),
    ...(scope ? [scopeMiddleware(scope)] : []),
    guardMiddleware(config.policy),
    startGuardMiddleware(config.policy),
  ];
}

/** Innermost, next to the tool: it redacts the tool's own answer and nothing around it. */
export function redactionMiddlewares(config: Config): ToolMiddleware[] {
  return config.policy.redact ? [redactMiddleware] : [];
}
