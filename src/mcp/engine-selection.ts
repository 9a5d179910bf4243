/**
 * The first step of every call: its `engine` argument picks the engine every later step
 * uses (policy, the confirmation preview, the tool). The argument itself stays as given
 * (confirmations bind it); the tool's input leaves it out (./middleware.ts, toolInput), but
 * for "*", which the tools that accept it read (container_list).
 */
import type { EngineRegistry } from '../engine/index.js';
import { ALL_ENGINES } from '../engine/index.js';
import type { ToolMiddleware } from './middleware.js';

export function engineSelection(engines: EngineRegistry): ToolMiddleware {
  return (call, next) => {
    const name = call.args.engine;
    if (typeof name !== 'string' || name === ALL_ENGINES) return next();
    const engine = engines.find(name);
    // The schema's enum already refused unknown names; this guards a table built for other engines.
    if (!engine)
      throw new Error(
        `unknown engine "${name}"; this server has ${engines.names.map((n) => `"${n}"`).join(', ')}`,
      );
    call.ctx = { ...call.ctx, engine };
    return next();
  };
}
