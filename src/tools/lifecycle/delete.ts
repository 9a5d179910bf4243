import { z } from 'zod';
import { inspectContainer } from '../../engine/api/containers.js';
import { deleteContainer } from '../../engine/api/lifecycle.js';
import type { ContainerInspect } from '../../engine/index.js';
import { describeState, nameOf, shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { advertiseAs } from '../../mcp/brief.js';
import { defineTool } from '../../mcp/define.js';
import { inspectTarget } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { anonymousVolumes, describeVolumes, whichRemain } from './volumes.js';

const NAME = '[a-zA-Z0-9][a-zA-Z0-9_.-]*';
const CONTAINER_REF = new RegExp(`^/?${NAME}$`);
const LINK_REF = new RegExp(`^/?${NAME}/${NAME}$`);

const input = z
  .strictObject({
    id: advertiseAs(
      z
        .string()
        .min(1)
        .max(512)
        .regex(
          new RegExp(`^/?${NAME}(/${NAME})?$`),
          'must be a container name, full id or unique id prefix (letters, digits, _ . -), e.g. "web" or "4f3a2b"',
        ),
      z.string().max(512),
    ).describe('Container name or id (prefix); with link: true, the link "<container>/<alias>"'),
    v: z
      .boolean()
      .default(false)
      .describe("Also remove the container's anonymous volumes (named volumes are always kept)"),
    force: z
      .boolean()
      .default(false)
      .describe('Kill the container first if it is running or paused (SIGKILL, no graceful stop)'),
    link: z
      .boolean()
      .default(false)
      .describe('Remove a legacy link "<container>/<alias>" instead of a container'),
  })
  .superRefine((value, ctx) => {
    if (value.link && !LINK_REF.test(value.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'with link: true, id must be the link as "<container>/<alias>", e.g. "web/db"',
      });
    } else if (!value.link && !CONTAINER_REF.test(value.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message:
          '"<container>/<alias>" names a link: pass link: true to remove the link, or give a container name or id',
      });
    }
  });

export const containerDelete = defineTool({
  name: 'container_delete',
  title: 'Remove a container',
  description:
    'Remove a container and its writable layer (`docker rm`); cannot be undone. A running or paused one needs `force` (killed, no graceful stop). ' +
    'The answer says what was removed and the space freed.',
  input,
  output: z.object({
    removed: z
      .object({ id: z.string(), name: z.string(), image: z.string(), was: z.string() })
      .optional(),
    link: z.string().optional().describe('The link removed (with link: true)'),
    space_reclaimed: z.number().describe("Bytes of the container's writable layer"),
    volumes_removed: z.array(z.string()),
    volumes_kept: z
      .array(z.string())
      .describe('Anonymous volumes still in use by another container'),
  }),
  effects: {
    always: ['container-state', 'destroys'],
    targets: { one: 'id', linkWhen: 'link' },
  },
  idempotent: true,
  async run(input, ctx) {
    const query = { v: input.v, force: input.force, link: input.link };
    if (input.link) {
      await ctx.engine.call(deleteContainer, {
        params: { id: input.id },
        query,
        signal: ctx.signal,
      });
      return {
        text: `Removed the link ${input.id}; both containers are untouched.`,
        data: { link: input.id, space_reclaimed: 0, volumes_removed: [], volumes_kept: [] },
      };
    }
    // Read again by the full id the call resolved, with sizes: the space the delete frees.
    const raw = await ctx.engine.json<ContainerInspect>(inspectContainer, {
      params: { id: input.id },
      query: { size: true },
      signal: ctx.signal,
    });
    const volumes = input.v ? anonymousVolumes(raw) : [];
    await ctx.engine.call(deleteContainer, { params: { id: raw.Id }, query, signal: ctx.signal });
    const { removed, kept } = await whichRemain(ctx.engine, volumes, ctx.signal);
    const name = nameOf(raw);
    const freed = raw.SizeRw ?? 0;
    const lines = [
      `Removed ${name} (${shortId(raw.Id)}, image ${raw.Config.Image ?? raw.Image}), which was ${describeState(raw.State)}; freed ${formatBytesSI(freed)} (its writable layer).`,
      ...(removed.length > 0 ? [`Anonymous volumes removed: ${describeVolumes(removed)}.`] : []),
      ...(kept.length > 0
        ? [`Kept (still used by another container): ${describeVolumes(kept)}.`]
        : []),
    ];
    return {
      text: lines.join('\n'),
      data: {
        removed: { id: raw.Id, name, image: raw.Config.Image ?? raw.Image, was: raw.State.Status },
        space_reclaimed: freed,
        volumes_removed: removed.map((volume) => volume.name),
        volumes_kept: kept.map((volume) => volume.name),
      },
    };
  },
  async preview(input, ctx) {
    if (input.link) {
      return {
        summary: `Remove the link ${input.id} (the containers stay)`,
        state: { link: input.id },
      };
    }
    const raw = await inspectTarget(ctx, input.id);
    const volumes = input.v ? anonymousVolumes(raw) : [];
    const running = raw.State.Running
      ? input.force
        ? '; it is running and will be killed first (force)'
        : '; it is running: the engine will refuse without force: true'
      : '';
    const withVolumes = input.v
      ? volumes.length > 0
        ? `; with its anonymous volumes ${describeVolumes(volumes)}`
        : '; it has no anonymous volumes'
      : '';
    const preview = targetPreview(raw, 'Remove', `${running}${withVolumes}`);
    return {
      ...preview,
      state: { ...(preview.state as object), volumes: volumes.map((v) => v.name) },
    };
  },
});
