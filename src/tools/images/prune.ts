import { z } from 'zod';
import {
  listImages,
  pruneImages,
  type ImagePruneResponse,
  type ImageSummary,
} from '../../engine/api/images.js';
import { listContainers } from '../../engine/api/containers.js';
import type { ContainerSummary, Engine } from '../../engine/index.js';
import { filterValues, filtersInput, toEngineFilters } from '../../containers/inputs.js';
import {
  labelsMatchAll,
  labelValue,
  untilCutoff,
  untilValue,
} from '../../containers/prune-filters.js';
import { bareImageId } from '../../engine/reference.js';
import { defineTool } from '../../mcp/define.js';
import { capItems } from '../../render/bound.js';
import { shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { imageLabel } from './schemas.js';

/** Images named in a preview or an answer; the rest are counted. */
const MAX_LISTED = 50;

const pruneShape = z.strictObject({
  until: filterValues(untilValue, 'Only images created before this: "24h", Unix seconds or a date'),
  label: filterValues(labelValue, 'Only images with this label ("key" or "key=value")'),
  'label!': filterValues(labelValue, 'Not images with this label'),
});

export const imagePrune = defineTool({
  name: 'image_prune',
  title: 'Remove unused images',
  description:
    'Remove images no container uses (`docker image prune`): untagged ones, or with `all` every unused one. Cannot be undone; the answer says what went and the space freed.',
  input: z.strictObject({
    all: z
      .boolean()
      .default(false)
      .describe('Also unused images that have names (default: untagged only)'),
    filters: filtersInput(pruneShape, 'e.g. {"until": "24h", "label": ["env=test"]}', ['until']),
  }),
  output: z.object({
    deleted: z.array(z.string()),
    untagged: z.array(z.string()),
    space_reclaimed: z.number().describe('Bytes'),
  }),
  // A prune that matches nothing destroys nothing: its preview settles it, and it runs at once.
  effects: { always: ['images'], mayAlso: ['destroys'], targets: { images: true } },
  async run(input, ctx) {
    // Nothing matched (and nobody was asked): no prune, so that an image that became unused
    // just now is not removed unasked.
    const candidates = await pruneCandidates(input, ctx.engine, ctx.signal);
    const answer =
      candidates.length === 0
        ? { ImagesDeleted: [], SpaceReclaimed: 0 }
        : await ctx.engine.json<ImagePruneResponse>(pruneImages, {
            query: { filters: engineFilters(input) },
            signal: ctx.signal,
          });
    const items = answer.ImagesDeleted ?? [];
    const deleted = items.flatMap((item) => (item.Deleted ? [item.Deleted] : []));
    const untagged = items.flatMap((item) => (item.Untagged ? [item.Untagged] : []));
    const space = answer.SpaceReclaimed ?? 0;
    const { shown, omitted } = capItems(untagged, MAX_LISTED);
    const text =
      deleted.length === 0 && untagged.length === 0
        ? 'No unused image matched; nothing was removed.'
        : [
            `Removed ${deleted.length} image and layer ${deleted.length === 1 ? 'id' : 'ids'}, reclaiming ${formatBytesSI(space)}.`,
            ...(shown.length > 0
              ? [`Untagged: ${shown.join(', ')}${omitted > 0 ? ` and ${omitted} more` : ''}`]
              : []),
          ].join('\n');
    return { text, data: { deleted, untagged, space_reclaimed: space } };
  },
  async preview(input, ctx) {
    const candidates = await pruneCandidates(input, ctx.engine, ctx.signal);
    const total = candidates.reduce((sum, image) => sum + image.Size, 0);
    const { shown, omitted } = capItems(candidates, MAX_LISTED);
    const summary =
      candidates.length === 0
        ? 'No unused image matches: nothing would be removed.'
        : [
            `Remove ${candidates.length} unused ${candidates.length === 1 ? 'image' : 'images'} (up to ${formatBytesSI(total)}; layers they share with kept images stay):`,
            ...shown.map(
              (image) =>
                `  ${imageLabel(image)} (${shortId(image.Id)}), ${formatBytesSI(image.Size)}`,
            ),
            ...(omitted > 0 ? [`  … and ${omitted} more`] : []),
          ].join('\n');
    return {
      summary,
      state: { ids: candidates.map((image) => image.Id).sort() },
      effects: candidates.length > 0 ? ['destroys'] : [],
    };
  },
});

type Input = { all: boolean; filters?: z.output<typeof pruneShape> };

function engineFilters(input: Input): Record<string, string[]> {
  return { ...toEngineFilters(input.filters), dangling: [input.all ? 'false' : 'true'] };
}

/**
 * The images a prune with these filters would remove, as the engine chooses them: top-level
 * images (untagged ones only without `all`) that no container uses, created before `until`,
 * with every `label` and not every `label!` (the list endpoint knows neither of the last two).
 */
async function pruneCandidates(
  input: Input,
  engine: Engine,
  signal: AbortSignal,
): Promise<ImageSummary[]> {
  const images = await engine.json<ImageSummary[] | null>(listImages, {
    query: {
      filters: toEngineFilters({
        dangling: input.all ? undefined : 'true',
        label: input.filters?.label,
      }),
    },
    signal,
  });
  const containers = await engine.json<ContainerSummary[]>(listContainers, {
    query: { all: true },
    signal,
  });
  const used = new Set(containers.map((container) => bareImageId(container.ImageID)));
  const until = [input.filters?.until ?? []].flat()[0];
  const cutoff = until === undefined ? undefined : untilCutoff(until);
  const excluded = toEngineFilters({ 'label!': input.filters?.['label!'] })?.['label!'];
  return (images ?? []).filter(
    (image) =>
      !used.has(bareImageId(image.Id)) &&
      (cutoff === undefined || image.Created * 1000 < cutoff) &&
      (excluded === undefined || !labelsMatchAll(excluded, image.Labels ?? {})),
  );
}
