/**
 * The policy layer: the tool table's filter (--read-only, --no-destructive, --tools, ...)
 * and the middlewares that check each call. Their order is declared, with the reasons, in
 * src/server/pipeline.ts.
 */
import type { Config } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import type { ToolMiddleware } from '../../mcp/middleware.js';
import { redactMiddleware } from '../redact-middleware.js';
import { guardMiddleware } from './guard-middleware.js';
import { imageGuardMiddleware } from './image-guard.js';
import { reachMiddleware } from './reach-middleware.js';
import { scopeMiddleware } from './scope-middleware.js';
import { startGuardMiddleware } from './start-guard.js';

export { applyToolPolicy } from './tool-filter.js';
export { targetResolution } from '../target-resolution.js';

/** Under --scope-label: filters, the new container's label, references kept in scope. */
export function scopeStep(config: Config): ToolMiddleware | undefined {
  const scope = config.policy.scopeLabel;
  return scope ? scopeMiddleware(scope) : undefined;
}

/** The settings guards of create and update (privileges, host paths, references). */
export function settingsGuardStep(config: Config): ToolMiddleware {
  return guardMiddleware(config.policy);
}

/** Image references a call fetches, uses or gives, held to --allow-image. */
export function imageGuardStep(config: Config): ToolMiddleware {
  return imageGuardMiddleware(config.policy);
}

/** Host paths a container mounts, resolved again before a call starts it. */
export function startGuardStep(config: Config): ToolMiddleware {
  return startGuardMiddleware(config.policy);
}

/**
 * The other containers a create or start reaches into (after the guards pinned the body's
 * references to full ids): in scope, and allowed by what the `offered` tools do to existing
 * containers.
 */
export function reachStep(
  config: Config,
  offered: readonly Pick<Tool, 'effects'>[],
): ToolMiddleware {
  return reachMiddleware(config.policy, offered);
}

/** The answer's secret-looking values hidden (unless --no-redact). */
export function redactionStep(config: Config): ToolMiddleware | undefined {
  return config.policy.redact ? redactMiddleware : undefined;
}
