/**
 * Images: image_pull of a 50 MB image (one layer of random bytes, built here with an import)
 * from the loopback registry (scripts/test-registry.sh) against `docker pull` of the same
 * image, the local copy removed before each pull: time (interleaved medians) and memory side
 * by side (the server's peak growth during the pull; the docker CLI's peak resident size).
 * Then image_list on an engine with 200 more images against the direct GET /images/json.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_RUN, dockerCli, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { commandPeakRss, MiB, peakGrowth } from '../lib/memory.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { interleave, median } from '../lib/stats.js';
import { importRandomImage, pushImage } from '../../test/helpers/registry.js';

const PULL_BYTES = 50 * 1000 * 1000;
const LISTED = 200;
const REGISTRY = `127.0.0.1:${process.env.CONTAINER_MCP_REGISTRY_PORT ?? '5015'}`;

async function removeLocal(name: string): Promise<void> {
  await engineCall('DELETE', `/images/${encodeURIComponent(name)}?force=1`);
}

async function pullThroughServer(server: BenchServer, image: string): Promise<void> {
  const result = await server.client.callTool(
    { name: 'image_pull', arguments: { image } },
    undefined,
    { timeout: 600_000 },
  );
  if (result.isError) throw new Error('image_pull failed');
}

async function pullRows(server: BenchServer): Promise<Row[]> {
  const repo = `${REGISTRY}/cmcp-bench-${BENCH_RUN}/pull`;
  const image = `${repo}:50mb`;
  await importRandomImage(repo, '50mb', PULL_BYTES);
  await pushImage(repo, '50mb', { from: image });
  const growths: number[] = [];
  const times = await interleave({
    warmup: 1,
    reps: 5,
    subject: async () => {
      await removeLocal(image);
      growths.push(await peakGrowth(server.pid, () => pullThroughServer(server, image)));
    },
    baseline: async () => {
      await removeLocal(image);
      await dockerCli(['pull', '-q', image]);
    },
  });
  await removeLocal(image);
  const cliPeak = await commandPeakRss('docker', ['pull', '-q', image], {
    ...process.env,
    DOCKER_API_VERSION: '1.41',
  });
  await removeLocal(image);
  const note = `${PULL_BYTES / 1e6} MB of random bytes, one layer, loopback registry; local copy removed before each pull`;
  return [
    {
      metric: 'image_pull 50 MB (median)',
      subject: median(times.subject),
      baseline: median(times.baseline),
      unit: 'ms',
      baselineLabel: 'docker pull',
      note,
    },
    {
      metric: 'image_pull 50 MB: memory, first pull',
      subject: (growths[0] ?? NaN) / MiB,
      baseline: cliPeak / MiB,
      unit: 'MiB',
      baselineLabel: "docker pull's peak RSS",
      note: "the server's peak growth during its first pull (heap warm-up), beside the whole CLI process",
    },
    {
      metric: 'image_pull 50 MB: memory, later pulls (median)',
      subject: median(growths.slice(1)) / MiB,
      baseline: cliPeak / MiB,
      unit: 'MiB',
      baselineLabel: "docker pull's peak RSS",
      note: 'the stream is read line by line: nothing of the image passes through the server',
    },
  ];
}

async function listRows(server: BenchServer): Promise<Row[]> {
  const repo = `cmcp-bench-${BENCH_RUN}/listed`;
  const names = Array.from({ length: LISTED }, (_, i) => `${repo}${i}:v1`);
  for (let i = 0; i < LISTED; i += 8)
    await Promise.all(
      names.slice(i, i + 8).map((name) => importRandomImage(name.split(':')[0]!, 'v1', 64)),
    );
  try {
    const times = await interleave({
      warmup: 3,
      reps: 30,
      subject: async () => {
        const result = await server.client.callTool({ name: 'image_list', arguments: {} });
        if (result.isError) throw new Error('image_list failed');
      },
      baseline: async () => {
        const answer = await engineCall('GET', '/images/json');
        if (answer.status !== 200) throw new Error(`GET /images/json: ${answer.status}`);
        JSON.parse(answer.body.toString());
      },
    });
    return [
      {
        metric: `image_list, ${LISTED}+ images (median)`,
        subject: median(times.subject),
        baseline: median(times.baseline),
        unit: 'ms',
        baselineLabel: 'GET /images/json, parsed',
        note: 'the answer shows 100 rows and says how many more',
      },
    ];
  } finally {
    for (const name of names) await removeLocal(name);
  }
}

export const figure: Figure = {
  name: 'images',
  title:
    'image_pull of 50 MB vs docker pull (time, memory); image_list of 200 images vs GET /images/json',
  async run() {
    execFileSync(fileURLToPath(new URL('../../scripts/test-registry.sh', import.meta.url)), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const server = await startServer();
    try {
      return [...(await pullRows(server)), ...(await listRows(server))];
    } finally {
      await server.close();
    }
  },
};
