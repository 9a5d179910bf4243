/**
 * resources/list and completion for container://{id}{+path}: each container's root, names
 * for `id`, and the entries of the parent directory for `path`.
 */
import type { ListResourcesResult } from '@modelcontextprotocol/server';
import { listDirectory } from '../engine/archive.js';
import { listContainers } from '../engine/api/containers.js';
import { normalizeContainerPath } from '../engine/container-path.js';
import type { ContainerSummary, Engine, EngineRegistry } from '../engine/index.js';
import { containerName } from '../render/containers.js';
import { assertInScope } from '../safety/policy/scope-check.js';
import { scopeFilter, type ScopeLabel } from '../safety/policy/scope.js';
import { fileUri } from '../containers/file-uri.js';
import type { Logger } from '../log.js';

/** Containers listed by resources/list; completion answers are capped at 100 by the SDK. */
export const LISTED_CONTAINERS = 100;
const COMPLETIONS = 100;
/** Completion must be quick: a smaller scan budget than a listing. */
const COMPLETION_SCAN = { scanEntries: 10_000, scanBytes: 64 * 1024 * 1024 };

/** Every container, or under --scope-label only those carrying the label. */
async function containers(
  engine: Engine,
  scope: ScopeLabel | undefined,
  signal?: AbortSignal,
): Promise<ContainerSummary[]> {
  const filters = scope && { label: [scopeFilter(scope)] };
  return engine.json<ContainerSummary[]>(listContainers, { query: { all: true, filters }, signal });
}

/** Each container's root; with several engines, on every engine that answers. */
export async function listContainerRoots(
  engines: EngineRegistry,
  scope: ScopeLabel | undefined,
  signal?: AbortSignal,
): Promise<ListResourcesResult> {
  if (!engines.several)
    return { resources: rootsOf(await containers(engines.default, scope, signal)) };
  const settled = await Promise.allSettled(
    engines.all.map(async (engine) =>
      rootsOf(await containers(engine, scope, signal), engine.name),
    ),
  );
  // An engine that is down lists nothing rather than hiding the others' files.
  const resources = settled.flatMap((result) =>
    result.status === 'fulfilled' ? result.value : [],
  );
  return { resources: resources.slice(0, LISTED_CONTAINERS) };
}

function rootsOf(found: ContainerSummary[], engine?: string): ListResourcesResult['resources'] {
  const on = engine === undefined ? '' : ` on ${engine}`;
  return found.slice(0, LISTED_CONTAINERS).map((container) => {
    const name = containerName(container.Names) || container.Id.slice(0, 12);
    return {
      uri: fileUri(name, '/', engine),
      name: `${engine === undefined ? '' : `${engine}/`}${name}:/`,
      title: `Files of ${name}${on}`,
      description: `Root directory of container ${name}${on} (${container.Image}, ${container.State})`,
      mimeType: 'text/plain',
    };
  });
}

export async function completeContainerId(
  engine: Engine,
  scope: ScopeLabel | undefined,
  prefix: string,
): Promise<string[]> {
  const names = (await containers(engine, scope)).map((c) => containerName(c.Names));
  return names
    .filter((name) => name !== '' && name.startsWith(prefix))
    .sort()
    .slice(0, COMPLETIONS);
}

/** "/etc/ng" -> entries of /etc starting with "ng", as full paths; directories end in "/". */
export async function completePath(
  engine: Engine,
  scope: ScopeLabel | undefined,
  id: string | undefined,
  value: string,
): Promise<string[]> {
  if (id === undefined || id === '') return [];
  const ref = scope ? await assertInScope(engine, id, scope) : id;
  const typed = value === '' ? '/' : value;
  const slash = typed.lastIndexOf('/');
  if (slash < 0) return [];
  const directory = normalizeContainerPath(typed.slice(0, slash + 1));
  const prefix = typed.slice(slash + 1);
  const listing = await listDirectory(engine, ref, directory, {
    maxEntries: 1000,
    ...COMPLETION_SCAN,
  });
  const base = directory === '/' ? '/' : `${directory}/`;
  return listing.entries
    .filter((entry) => entry.name.startsWith(prefix))
    .slice(0, COMPLETIONS)
    .map((entry) => `${base}${entry.name}${entry.type === 'directory' ? '/' : ''}`);
}

/** A completion is a hint: a stopped engine or a typo yields no suggestions, never an error. */
export async function quietly(
  log: Logger,
  what: string,
  work: () => Promise<string[]>,
): Promise<string[]> {
  try {
    return await work();
  } catch (error) {
    log.debug(`completion of ${what} failed`, error);
    return [];
  }
}
