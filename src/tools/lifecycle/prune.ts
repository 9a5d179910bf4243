import { z } from 'zod';
import { pruneContainers, type PruneResponse } from '../../engine/api/lifecycle.js';
import type { ContainerSummary } from '../../engine/index.js';
import { capItems } from '../../render/bound.js';
import { containerName, shortId } from '../../render/containers.js';
import { renderTable } from '../../render/table.js';
import { formatBytesSI } from '../../render/units.js';
import { defineTool } from '../../mcp/define.js';
import { toEngineFilters } from '../../containers/inputs.js';
import { pruneCandidates, pruneFilters } from './prune-filters.js';

/** Containers listed by name in an answer or preview; the rest are counted. */
const MAX_LISTED = 100;

export const containerPrune = defineTool({
  name: 'container_prune',
  title: 'Remove stopped containers',
  description:
    'Remove the stopped containers (created, exited, dead) matching `filters` (`docker container prune`); without filters, ALL of them: narrow with label, label! or until. Cannot be undone. ' +
    'The answer lists what went and the space reclaimed.',
  input: z.strictObject({ filters: pruneFilters }),
  output: z.object({
    removed: z.array(z.object({ id: z.string(), name: z.string() })),
    space_reclaimed: z.number().describe('Bytes'),
  }),
  // A prune that matches nothing destroys nothing: its preview settles it, and it runs at once.
  effects: { always: ['container-state'], mayAlso: ['destroys'], targets: { matching: 'filters' } },
  async run(input, ctx) {
    // Listed first only to name what the engine removes: the engine decides what goes.
    const before = await pruneCandidates(ctx.engine, input.filters, ctx.signal);
    const names = new Map(before.map((c) => [c.Id, containerName(c.Names)]));
    // Nothing matched (and nobody was asked): no prune, so that a container stopping just now
    // is not removed unasked.
    const answer =
      before.length === 0
        ? { ContainersDeleted: [], SpaceReclaimed: 0 }
        : await ctx.engine.json<PruneResponse>(pruneContainers, {
            query: { filters: toEngineFilters(input.filters) },
            signal: ctx.signal,
          });
    const removed = (answer.ContainersDeleted ?? []).map((id) => ({
      id,
      name: names.get(id) ?? '',
    }));
    const space = answer.SpaceReclaimed ?? 0;
    if (removed.length === 0) {
      return {
        text: `No stopped containers matched${input.filters ? ' the filters' : ''}; nothing was removed.`,
        data: { removed, space_reclaimed: space },
      };
    }
    const { shown, omitted } = capItems(removed, MAX_LISTED);
    const text = [
      `Removed ${removed.length} stopped ${removed.length === 1 ? 'container' : 'containers'}, reclaiming ${formatBytesSI(space)}:`,
      ...shown.map((c) => `  ${c.name || '(unnamed)'} (${shortId(c.id)})`),
      ...(omitted > 0 ? [`  … and ${omitted} more`] : []),
    ].join('\n');
    return { text, data: { removed, space_reclaimed: space } };
  },
  async preview(input, ctx) {
    const candidates = await pruneCandidates(ctx.engine, input.filters, ctx.signal);
    return {
      summary: describeCandidates(candidates),
      state: { ids: candidates.map((c) => c.Id).sort() },
      effects: candidates.length > 0 ? ['destroys'] : [],
    };
  },
});

function describeCandidates(candidates: readonly ContainerSummary[]): string {
  if (candidates.length === 0) return 'No stopped container matches: nothing would be removed.';
  const total = candidates.reduce((sum, c) => sum + (c.SizeRw ?? 0), 0);
  const { shown, omitted } = capItems(candidates, MAX_LISTED);
  const table = renderTable(
    [
      { header: 'NAME', value: (c: ContainerSummary) => containerName(c.Names), max: 40 },
      { header: 'ID', value: (c: ContainerSummary) => shortId(c.Id) },
      { header: 'IMAGE', value: (c: ContainerSummary) => c.Image, max: 40 },
      { header: 'STATUS', value: (c: ContainerSummary) => c.Status, max: 40 },
      { header: 'SIZE', value: (c: ContainerSummary) => formatBytesSI(c.SizeRw ?? 0) },
    ],
    shown,
  );
  return [
    `Remove ${candidates.length} stopped ${candidates.length === 1 ? 'container' : 'containers'} (${formatBytesSI(total)} in total):`,
    table,
    ...(omitted > 0 ? [`… and ${omitted} more`] : []),
  ].join('\n');
}
