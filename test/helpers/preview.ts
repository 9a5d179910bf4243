/**
 * A destructive tool's preview, computed in-process against the real engine, as the
 * confirmation layer will compute it (previews are not reachable over MCP by themselves).
 */
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Engine } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import type { Preview, Tool, ToolContext } from '../../src/mcp/define.js';

export function toolContext(engine: Engine): ToolContext {
  return {
    engine,
    signal: new AbortController().signal,
    config: DEFAULT_CONFIG,
    log: silentLogger,
    progress: () => Promise.resolve(),
  };
}

export function previewOf(
  tool: Tool,
  args: Record<string, unknown>,
  engine: Engine,
): Promise<Preview> {
  if (!tool.preview) throw new Error(`${tool.name} has no preview`);
  return tool.preview(tool.input.parse(args), toolContext(engine));
}
