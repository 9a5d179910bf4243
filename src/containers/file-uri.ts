/**
 * container:// URIs of files inside containers, as tools link them and resources serve them
 * (src/resources/uri.ts parses them back).
 */
import type { Engine, EngineRegistry } from '../engine/index.js';

/**
 * The URI of `path` in container `id`, every segment percent-encoded; `engine` is given
 * only when the server has several (see uriEngine).
 */
export function fileUri(id: string, path: string, engine?: string): string {
  const scope = engine === undefined ? '' : `${encodeURIComponent(engine)}/`;
  return `container://${scope}${encodeURIComponent(id)}${path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;
}

/** The engine name a URI carries: only when the server has several engines. */
export function uriEngine(engines: EngineRegistry | undefined, engine: Engine): string | undefined {
  return engines?.several ? engine.name : undefined;
}
