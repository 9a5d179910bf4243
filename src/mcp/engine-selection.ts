/**
 * The first middleware: a call's `engine` argument picks the engine every later step uses
 * (policy, the confirmation preview, the tool). The argument is then taken out of the
 * input, so tools never see it; "*" stays for the tools that accept it (container_list).
 */
import type { EngineRegistry } from '../engine/index.js';
import { ALL_ENGINES } from '../engine/index.js';
import type { ToolMiddleware } from './middleware.js';

export function engineSelection(engines: EngineRegistry): ToolMiddleware {
  return (call, next) => {
    const input = call.input as Record<string, unknown>;
    const name = input.engine;
    if (typeof name !== 'string' || name === ALL_ENGINES) return next();
    const engine = engines.find(name);
    // The schema's enum already refused unknown names; this guards a table built for other engines.
    if (!engine)
      throw new Error(
        `unknown engine "${name}"; this server has ${engines.names.map((n) => `"${n}"`).join(', ')}`,
      );
    const { engine: _named, ...rest } = input;
    call.input = rest;
    call.ctx = { ...call.ctx, engine };
    return next();
  };
}
