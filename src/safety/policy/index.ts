/**
 * The policy layer as server.ts applies it: the tools transformation, and the middlewares in
 * their order: the target's one lookup through the scope, then the scope's filters and create
 * checks (a container outside it does not exist for the guards either, and a new container
 * gets its label), then the settings guards and the host-path re-check before a start (so
 * no one is asked to confirm a start that would be refused), then the containers the call
 * reaches into (after the guards pinned the body's references to full ids). That re-check runs again after
 * the confirmation, next to the tool: as close to the engine's mount as the server can get.
 */
import type { Config } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import type { ToolMiddleware } from '../../mcp/middleware.js';
import { redactMiddleware } from '../redact-middleware.js';
import { targetResolution } from '../target-resolution.js';
import { guardMiddleware } from './guard-middleware.js';
import { reachMiddleware } from './reach-middleware.js';
import { scopeMiddleware } from './scope-middleware.js';
import { startGuardMiddleware } from './start-guard.js';

export { applyToolPolicy } from './tool-filter.js';

/** `offered`: the tools this server offers, which say what it does to existing containers. */
export function policyMiddlewares(
  config: Config,
  offered: readonly Pick<Tool, 'effects'>[],
): ToolMiddleware[] {
  const scope = config.policy.scopeLabel;
  return [
    targetResolution(scope),
    ...(scope ? [scopeMiddleware(scope)] : []),
    guardMiddleware(config.policy),
    startGuardMiddleware(config.policy),
    reachMiddleware(config.policy, offered),
  ];
}

/** Next to the tool, after any wait for a person: host paths resolved again before a start. */
export function startMiddlewares(config: Config): ToolMiddleware[] {
  return [startGuardMiddleware(config.policy)];
}

/** Innermost, next to the tool: it redacts the tool's own answer and nothing around it. */
export function redactionMiddlewares(config: Config): ToolMiddleware[] {
  return config.policy.redact ? [redactMiddleware] : [];
}
