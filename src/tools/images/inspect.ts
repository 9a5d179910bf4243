import { z } from 'zod';
import {
  imageHistory,
  inspectImage,
  type HistoryItem,
  type ImageInspect,
} from '../../engine/api/images.js';
import { defineTool } from '../../mcp/define.js';
import { capItems, ellipsize } from '../../render/bound.js';
import { shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { imageInput } from './schemas.js';

/** Layers listed with history: true; older ones are counted. */
const MAX_LAYERS = 50;

export const imageInspect = defineTool({
  name: 'image_inspect',
  title: 'Inspect an image',
  description:
    'One image: id, tags, digests, platform, size, created, entrypoint, cmd, env, ports, volumes; `labels: true` adds its labels, `history: true` its layers.',
  input: z.strictObject({
    image: imageInput,
    labels: z.boolean().default(false).describe('Add its labels'),
    history: z
      .boolean()
      .default(false)
      .describe(`Add its layers, newest first (up to ${MAX_LAYERS})`),
  }),
  output: z.object({
    id: z.string(),
    tags: z.array(z.string()),
    digests: z.array(z.string()),
    platform: z.string(),
    size: z.number().describe('Bytes'),
    created: z.string(),
    entrypoint: z.array(z.string()).optional(),
    cmd: z.array(z.string()).optional(),
    env: z.array(z.string()),
    workdir: z.string().optional(),
    user: z.string().optional(),
    exposed_ports: z.array(z.string()),
    volumes: z.array(z.string()),
    labels: z.record(z.string(), z.string()).optional(),
    history: z
      .array(z.object({ created_by: z.string(), size: z.number(), created: z.number() }))
      .optional(),
    history_left_out: z.number().optional(),
  }),
  effects: { always: [], targets: { images: true } },
  async run(input, ctx) {
    const raw = await ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name: input.image },
      signal: ctx.signal,
    });
    const history = input.history
      ? await ctx.engine.json<HistoryItem[]>(imageHistory, {
          params: { name: input.image },
          signal: ctx.signal,
        })
      : undefined;
    const config = raw.Config ?? {};
    const data = {
      id: raw.Id,
      tags: raw.RepoTags ?? [],
      digests: raw.RepoDigests ?? [],
      platform: [raw.Os, raw.Architecture, raw.Variant].filter(Boolean).join('/'),
      size: raw.Size ?? 0,
      created: raw.Created ?? '',
      ...(config.Entrypoint && { entrypoint: config.Entrypoint }),
      ...(config.Cmd && { cmd: config.Cmd }),
      env: config.Env ?? [],
      ...(config.WorkingDir && { workdir: config.WorkingDir }),
      ...(config.User && { user: config.User }),
      exposed_ports: Object.keys(config.ExposedPorts ?? {}),
      volumes: Object.keys(config.Volumes ?? {}),
      ...(input.labels && { labels: config.Labels ?? {} }),
    };
    const layers = history && capItems(history, MAX_LAYERS);
    const withHistory = layers && {
      history: layers.shown.map((item) => ({
        created_by: ellipsize(item.CreatedBy, 300),
        size: item.Size,
        created: item.Created,
      })),
      ...(layers.omitted > 0 && { history_left_out: layers.omitted }),
    };
    const lines = [
      `Image ${shortId(raw.Id)} (${raw.Id})`,
      `Tags: ${data.tags.join(', ') || 'none'}`,
      `Digests: ${data.digests.join(', ') || 'none (never pulled or pushed)'}`,
      `Platform: ${data.platform}; size ${formatBytesSI(data.size)}; created ${data.created}`,
      ...(data.entrypoint ? [`Entrypoint: ${JSON.stringify(data.entrypoint)}`] : []),
      ...(data.cmd ? [`Cmd: ${JSON.stringify(data.cmd)}`] : []),
      ...(data.workdir ? [`WorkingDir: ${data.workdir}`] : []),
      ...(data.user ? [`User: ${data.user}`] : []),
      `Env: ${data.env.length > 0 ? '' : 'none'}`,
      ...data.env.map((entry) => `  ${entry}`),
      `Exposed ports: ${data.exposed_ports.join(', ') || 'none'}; volumes: ${data.volumes.join(', ') || 'none'}`,
      ...(data.labels
        ? [
            `Labels: ${Object.keys(data.labels).length === 0 ? 'none' : ''}`,
            ...Object.entries(data.labels).map(([k, v]) => `  ${k}=${v}`),
          ]
        : []),
      ...(withHistory
        ? [
            'Layers (newest first):',
            ...withHistory.history.map(
              (item) => `  ${formatBytesSI(item.size).padStart(8)}  ${item.created_by}`,
            ),
            ...(layers.omitted > 0 ? [`  … and ${layers.omitted} older layers`] : []),
          ]
        : []),
    ];
    return { text: lines.join('\n'), data: { ...data, ...withHistory } };
  },
});
