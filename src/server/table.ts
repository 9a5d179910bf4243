/**
 * Everything a server instance needs, prepared once per process: the tool table as policy,
 * confirmation and the engine argument shape it, each tool's tools/list entry (its JSON
 * Schemas), the call pipeline, the resources. A 2026-07-28 request over HTTP gets a server
 * of its own (./build.ts); building one from this costs a few microseconds, because nothing
 * here is computed again.
 */
import type { Tool as ListedTool } from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import type { EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import type { Tool } from '../mcp/define.js';
import { withEngineArgument } from '../mcp/engine-argument.js';
import { describeTool } from '../mcp/listing.js';
import type { ToolHost } from '../mcp/call.js';
import type { ToolMiddleware } from '../mcp/middleware.js';
import { usePrecomputedSchemas } from '../mcp/precomputed-schemas.js';
import { preparePrompts, type PreparedPrompts } from '../prompts/register.js';
import { ContainerChanges } from '../resources/changes.js';
import { prepareResources, type PreparedResources } from '../resources/index.js';
import { withConfirmation } from '../safety/confirm/tools.js';
import { applyToolPolicy } from '../safety/policy/index.js';
import { TOOLS } from '../tools/index.js';
import { pipeline } from './pipeline.js';

export interface PrepareDeps {
  config: Config;
  engines: EngineRegistry;
  log: Logger;
  /** Another tool table (tests). */
  tools?: readonly Tool[];
  /** Extra steps before the confirmation (tests). */
  middlewares?: readonly ToolMiddleware[];
}

export interface Prepared {
  /** What tools/call runs: the table by name, the pipeline, the engines. */
  host: ToolHost;
  /** tools/list's answer, in the table's order. */
  listing: ListedTool[];
  resources: PreparedResources;
  prompts: PreparedPrompts;
  /** Container changes for 2026-07-28 subscriptions (no engine stream until one listens). */
  changes: ContainerChanges;
  instructions: string;
}

const INSTRUCTIONS = `Docker Engine containers and images: list, inspect, create and drive containers, read their logs, stats and files; pull, tag and remove images.
Identify containers by name or id (container_list shows both). Answers are bounded: when something is cut, the answer says how to get the rest.
Files inside a container are resources: container://NAME/ABSOLUTE/PATH (a file's content, or a directory's listing); container_archive reads the same without resource support.
container_create never pulls: image_pull fetches an image first.`;

export function prepareServer(deps: PrepareDeps): Prepared {
  const { config, engines, log } = deps;
  const all = deps.tools ?? TOOLS;
  usePrecomputedSchemas(all);
  // The engine argument before the confirmation: an across-engines tool's own output schema
  // replaces the tool's, and the confirmation's answer must join that one.
  const table = withConfirmation(withEngineArgument(applyToolPolicy(all, config), config), config);
  return {
    host: {
      tools: new Map(table.map((tool) => [tool.name, tool])),
      engines,
      config,
      log,
      middlewares: pipeline({
        config,
        engines,
        log,
        extra: deps.middlewares ?? [],
        offered: table,
      }),
      checkOutput: process.env.CONTAINER_MCP_CHECK_OUTPUT === '1',
    },
    listing: table.map(describeTool),
    resources: prepareResources({ engines, config, log }),
    prompts: preparePrompts({
      engines,
      scope: config.policy.scopeLabel,
      log,
      tools: new Set(table.map((tool) => tool.name)),
    }),
    changes: new ContainerChanges(engines, config.policy.scopeLabel, log),
    instructions: INSTRUCTIONS + severalEngines(engines),
  };
}

function severalEngines(engines: EngineRegistry): string {
  if (!engines.several) return '';
  const [first, ...others] = engines.names;
  return `\nSeveral engines: ${first} (the default), ${others.join(', ')}. Every tool takes an \`engine\` argument; container_list with engine "*" lists them all. File URIs name the engine: container://ENGINE/NAME/ABSOLUTE/PATH.`;
}
