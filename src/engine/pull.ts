/**
 * A pull's progress stream read to its end: the engine's JSON lines folded into bytes done and
 * total across layers (reported whenever they change meaningfully), which layers were new,
 * and the digest. dockerd sends a line per layer event ("Pulling fs layer", "Downloading"
 * with progressDetail, "Already exists", "Pull complete", then "Digest: …" and "Status: …");
 * Podman's service (4.x) sends "Pulling fs layer", "Already exists" and "Download complete"
 * per blob, without byte counts (so there the progress counts layers), and no "Digest:". An `error` line is the pull's failure, whatever status the answer had.
 */
import type { PullLine } from './api/images.js';
import type { ReadableBody } from './body.js';
import { EngineError } from './errors.js';
import { readJsonLines } from './ndjson.js';

export interface PullProgress {
  /** Bytes downloaded so far across the layers whose size is known. */
  done: number;
  /** Bytes of those layers in all (0 while none is known). */
  total: number;
  /** Layers seen and layers finished (downloaded or already there). */
  layers: number;
  finished: number;
  /** The engine's latest status line, e.g. "Downloading" or "Extracting". */
  status: string;
}

export interface PullResult {
  /** "sha256:…" from the engine's "Digest:" line, when it sent one. */
  digest?: string;
  /**
   * Each blob the engine reported, by its short id: whether it was already there, and the
   * bytes downloaded for it. Podman reports the image's config blob (the image id) as a
   * layer too: callers that know the image id leave it out (layerCounts).
   */
  layers: { id: string; existed: boolean; downloaded: number }[];
}

/** New and existing layers and bytes downloaded, without the image's own config blob. */
export function layerCounts(
  result: PullResult,
  imageId: string,
): { newLayers: number; existingLayers: number; downloaded: number } {
  const config = imageId.replace(/^sha256:/, '').slice(0, 12);
  const layers = result.layers.filter((layer) => layer.id !== config);
  return {
    newLayers: layers.filter((layer) => !layer.existed).length,
    existingLayers: layers.filter((layer) => layer.existed).length,
    downloaded: layers.reduce((sum, layer) => sum + layer.downloaded, 0),
  };
}

interface Layer {
  current: number;
  total: number;
  done: boolean;
  existed: boolean;
}

export async function followPull(
  body: ReadableBody,
  options: { signal?: AbortSignal; endpoint: string; address: string; idleMs?: number },
  onProgress: (progress: PullProgress) => void,
): Promise<PullResult> {
  const layers = new Map<string, Layer>();
  let digest: string | undefined;
  let status = '';
  let last = '';
  for await (const line of readJsonLines<PullLine>(body, options)) {
    if (line.error !== undefined || line.errorDetail?.message !== undefined) {
      throw new EngineError(
        'engine',
        line.errorDetail?.message ?? line.error ?? 'the pull failed',
        {
          endpoint: options.endpoint,
          address: options.address,
        },
      );
    }
    const text = line.status ?? '';
    const found = /^Digest: (sha256:[a-f0-9]{64})/.exec(text);
    if (found) digest = found[1];
    status = text || status;
    const id = layerId(line);
    if (id !== undefined) fold(layers, id, line);
    const progress = summarize(layers, status);
    // One notification per meaningful change: a layer's state, or another percent of bytes.
    const key = `${progress.layers}/${progress.finished}/${Math.floor((progress.done * 100) / Math.max(progress.total, 1))}/${progress.status.split(' ')[0]}`;
    if (key !== last) {
      last = key;
      onProgress(progress);
    }
  }
  return {
    ...(digest !== undefined && { digest }),
    layers: [...layers].map(([id, layer]) => ({
      id,
      existed: layer.existed,
      downloaded: layer.existed ? 0 : layer.total || layer.current,
    })),
  };
}

/** The layer a line is about: its `id`, a short blob id. */
function layerId(line: PullLine): string | undefined {
  const id = line.id;
  // dockerd's tag line ("latest: Pulling from …") carries the tag as its id, not a layer.
  if (id === undefined || !/^[a-f0-9]{12,64}$/.test(id)) return undefined;
  return id.slice(0, 12);
}

function fold(layers: Map<string, Layer>, id: string, line: PullLine): void {
  const layer = layers.get(id) ?? { current: 0, total: 0, done: false, existed: false };
  layers.set(id, layer);
  const text = line.status ?? '';
  const detail = line.progressDetail;
  if (text === 'Downloading' && detail) {
    if (detail.total !== undefined && detail.total > 0) layer.total = detail.total;
    if (detail.current !== undefined) layer.current = Math.max(layer.current, detail.current);
  } else if (text === 'Already exists' || /already exists/i.test(text)) {
    layer.existed = layer.done = true;
  } else if (text === 'Download complete' || text === 'Pull complete') {
    // Podman never says "Pull complete": there a finished download is a layer done.
    if (layer.total > 0) layer.current = layer.total;
    layer.done = true;
  }
}

function summarize(layers: Map<string, Layer>, status: string): PullProgress {
  let done = 0;
  let total = 0;
  let finished = 0;
  for (const layer of layers.values()) {
    if (layer.done) finished += 1;
    if (layer.total > 0 && !layer.existed) {
      total += layer.total;
      done += Math.min(layer.current, layer.total);
    }
  }
  return { done, total, layers: layers.size, finished, status };
}
