/**
 * The order every tools/call goes through, outermost first, and why. Built once per process
 * (./table.ts); each step is a middleware (mcp/middleware.ts) that sees the call, may answer
 * instead of going on, and records what it found on the call.
 */
import type { Config } from '../config.js';
import type { EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import type { Tool } from '../mcp/define.js';
import { engineSelection } from '../mcp/engine-selection.js';
import type { ToolMiddleware } from '../mcp/middleware.js';
import { audit } from '../safety/audit.js';
import { confirmation } from '../safety/confirm/middleware.js';
import {
  imageGuardStep,
  reachStep,
  redactionStep,
  scopeStep,
  settingsGuardStep,
  startGuardStep,
  targetResolution,
} from '../safety/policy/index.js';

export interface PipelineDeps {
  config: Config;
  engines: EngineRegistry;
  log: Logger;
  /** Extra steps just before the confirmation (tests inject faults here). */
  extra?: readonly ToolMiddleware[];
  /** The tools this server offers: what they do to existing containers bounds what a reach may. */
  offered: readonly Pick<Tool, 'effects'>[];
}

export function pipeline({
  config,
  engines,
  log,
  extra = [],
  offered,
}: PipelineDeps): ToolMiddleware[] {
  const steps: (ToolMiddleware | undefined)[] = [
    // 1. The engine first: every later step (lookups, guards, preview, the tool) talks to it.
    engineSelection(engines),
    // 2. The audit log around everything else, so it records refusals, questions and
    //    failures of every later step, with the target and the confirmation they found.
    audit(config, log),
    // 3. Resolve the target once, through the scope: every later step acts on that id.
    targetResolution(config.policy.scopeLabel),
    // 4. The scope's filters and a new container's label, before the guards read the body
    //    (a container outside the scope does not exist for them either).
    scopeStep(config),
    // 5. The settings guards, the images a call fetches or starts from (--allow-image; the
    //    image is pinned to its id), then the host paths a start would mount: before anyone is
    //    asked, so no one confirms a call the policy refuses.
    settingsGuardStep(config),
    imageGuardStep(config),
    startGuardStep(config),
    // 6. The containers a create or start reaches into (joins, or writes the volumes of): in
    //    the scope, allowed by what this server does to existing containers, before anyone is
    //    asked (the preview names them).
    reachStep(config, offered),
    ...extra,
    // 7. The confirmation: last before the tool, so the preview shows what passed every check
    //    and the action follows the answer within the same round.
    confirmation(config.confirm, log),
    // 8. Innermost: redaction sees the tool's own answer and nothing around it (a
    //    confirmation's preview names what the person must see).
    redactionStep(config),
  ];
  return steps.filter((step): step is ToolMiddleware => step !== undefined);
}
