import { z } from 'zod';
import { inspectImage, pullImage, type ImageInspect } from '../../engine/api/images.js';
import { registryAuth } from '../../engine/credentials.js';
import { describeEndpoint } from '../../engine/index.js';
import { followPull, layerCounts, type PullProgress } from '../../engine/pull.js';
import {
  canonicalReference,
  parseReference,
  pullParameters,
  ReferenceError,
  registryOf,
} from '../../engine/reference.js';
import { platformInput } from '../../containers/inputs.js';
import { defineTool } from '../../mcp/define.js';
import { shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { withLoginHint } from './pull-auth.js';
import { imageInput } from './schemas.js';

export const imagePull = defineTool({
  name: 'image_pull',
  title: 'Pull an image',
  description:
    'Fetch an image from its registry (`docker pull`), with progress notifications. Without a tag, "latest". ' +
    "Registry credentials are the Docker CLI's (docker login). Answers the digest, size, new layers and time taken.",
  input: z.strictObject({
    image: imageInput.describe('Reference, e.g. "postgres:16", "ghcr.io/acme/app@sha256:…"'),
    platform: platformInput.optional().describe('e.g. "linux/arm64" (default: the engine\'s)'),
  }),
  output: z.object({
    image: z.string().describe('The reference pulled, in full'),
    id: z.string(),
    digest: z.string().optional(),
    size: z.number().describe('Bytes'),
    new_layers: z.number(),
    existing_layers: z.number(),
    downloaded: z.number().describe('Bytes'),
    seconds: z.number(),
  }),
  effects: {
    always: ['images'],
    targets: { images: true },
    images: [{ argument: 'image', use: 'fetches' }],
  },
  idempotent: true,
  async run(input, ctx) {
    let ref;
    try {
      ref = parseReference(input.image);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      return {
        isError: true,
        text: `image_pull: image "${input.image}" ${error.message}. Nothing was pulled.`,
      };
    }
    const started = Date.now();
    const registry = registryOf(ref);
    const auth = await registryAuth(registry);
    const hint = (error: unknown): never => {
      throw withLoginHint(error, registry, auth);
    };
    const response = await ctx.engine
      .request(pullImage, {
        query: { ...pullParameters(ref), platform: input.platform },
        headers: auth.header === undefined ? {} : { 'x-registry-auth': auth.header },
        signal: ctx.signal,
      })
      .catch(hint);
    const report = (progress: PullProgress): void => {
      const bytes = progress.total > 0;
      void ctx.progress(
        bytes ? progress.done : progress.finished,
        bytes ? progress.total : progress.layers,
        `${progress.finished}/${progress.layers} layers${bytes ? `, ${formatBytesSI(progress.done)} of ${formatBytesSI(progress.total)}` : ''}; ${progress.status}`,
      );
    };
    const result = await followPull(
      response.body,
      {
        signal: ctx.signal,
        endpoint: describeEndpoint(pullImage),
        address: ctx.engine.displayAddress,
        idleMs: ctx.engine.idleTimeoutMs,
      },
      report,
    ).catch(hint);
    const name = canonicalReference(ref);
    const image = await ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name },
      signal: ctx.signal,
    });
    const digest =
      result.digest ??
      (image.RepoDigests ?? []).map((d) => d.split('@')[1]).find((d) => d !== undefined);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const counted = layerCounts(result, image.Id);
    const { newLayers, downloaded } = counted;
    // An image already up to date gets no layer lines from dockerd: its layers say how many.
    const existingLayers = Math.max(
      counted.existingLayers,
      (image.RootFS?.Layers?.length ?? 0) - newLayers,
    );
    const fresh = newLayers > 0;
    const text = [
      `${fresh ? 'Pulled' : 'Already up to date:'} ${name} (image ${shortId(image.Id)}${digest ? `, digest ${digest}` : ''}), ${formatBytesSI(image.Size ?? 0)}.`,
      `${newLayers} new ${newLayers === 1 ? 'layer' : 'layers'}${fresh ? ` (${formatBytesSI(downloaded)} downloaded)` : ''}, ${existingLayers} already here; ${seconds} s.`,
    ].join('\n');
    return {
      text,
      data: {
        image: name,
        id: image.Id,
        ...(digest !== undefined && { digest }),
        size: image.Size ?? 0,
        new_layers: newLayers,
        existing_layers: existingLayers,
        downloaded,
        seconds,
      },
    };
  },
});
