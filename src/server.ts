/**
 * buildServer: one McpServer with every tool and resource registered. One per
 * stdio process, one per HTTP session.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from './config.js';
import type { EngineRegistry } from './engine/index.js';
import type { Logger } from './log.js';
import { registerPrompts } from './prompts/register.js';
import { registerResources } from './resources/index.js';
import {
  applyToolPolicy,
  policyMiddlewares,
  redactionMiddlewares,
  startMiddlewares,
} from './safety/policy/index.js';
import { audit } from './safety/audit.js';
import { elicitationAsker } from './safety/confirm/elicit.js';
import { confirmation } from './safety/confirm/middleware.js';
import { withConfirmation } from './safety/confirm/tools.js';
import type { Tool } from './mcp/define.js';
import { TOOLS } from './tools/index.js';
import type { ToolMiddleware } from './mcp/middleware.js';
import { engineSelection } from './mcp/engine-selection.js';
import { withEngineArgument } from './mcp/engine-argument.js';
import { usePrecomputedSchemas } from './mcp/precomputed-schemas.js';
import { registerTools } from './mcp/register.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

export interface ServerDeps {
  config: Config;
  engines: EngineRegistry;
  log: Logger;
  tools?: readonly Tool[];
  middlewares?: readonly ToolMiddleware[];
}

const INSTRUCTIONS = `Docker Engine containers: list, inspect, create and drive containers, read their logs, stats and files.
Identify containers by name or id (container_list shows both). Answers are bounded: when something is cut, the answer says how to get the rest.
Files inside a container are resources: container://NAME/ABSOLUTE/PATH (a file's content, or a directory's listing); container_archive reads the same without resource support.
This server never pulls images: an image must already exist on the engine.`;

export function buildServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION, title: 'Docker containers' },
    { instructions: INSTRUCTIONS + severalEngines(deps.engines) },
  );
  usePrecomputedSchemas(TOOLS);
  const tools = withEngineArgument(
    withConfirmation(applyToolPolicy(deps.tools ?? TOOLS, deps.config), deps.config),
    deps.config,
  );
  registerTools(server, {
    tools: new Map(tools.map((tool) => [tool.name, tool])),
    engines: deps.engines,
    config: deps.config,
    log: deps.log,
    middlewares: [
      engineSelection(deps.engines),
      audit(deps.config, deps.log),
      ...policyMiddlewares(deps.config),
      ...(deps.middlewares ?? []),
      confirmation(deps.config.confirm, elicitationAsker(server.server)),
      ...startMiddlewares(deps.config),
      ...redactionMiddlewares(deps.config),
    ],
    checkOutput: process.env.CONTAINER_MCP_CHECK_OUTPUT === '1',
  });
  registerResources(server, { engines: deps.engines, config: deps.config, log: deps.log });
  registerPrompts(server, {
    engines: deps.engines,
    scope: deps.config.policy.scopeLabel,
    log: deps.log,
    tools: new Set(tools.map((tool) => tool.name)),
  });
  return server;
}

function severalEngines(engines: EngineRegistry): string {
  if (!engines.several) return '';
  const [first, ...others] = engines.names;
  return `\nSeveral engines: ${first} (the default), ${others.join(', ')}. Every tool takes an \`engine\` argument; container_list with engine "*" lists them all. File URIs name the engine: container://ENGINE/NAME/ABSOLUTE/PATH.`;
}
