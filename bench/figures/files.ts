/**
 * Container files: reading a 1 MiB file as a resource vs `docker cp CONTAINER:/path -`, and
 * exporting a container holding 200 MB of files vs `docker export` to /dev/null, with the
 * server's peak memory growth during the export (target: at most 32 MiB).
 */
import { benchContainer, dockerCli as docker, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { commandPeakRss, MiB, peakGrowth } from '../lib/memory.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { interleave, median } from '../lib/stats.js';

const DOCKER_ENV = { ...process.env, DOCKER_API_VERSION: '1.41' };
const EXPORT_FILES = 200; // of 1 MB each

/** A container that writes its files itself, so the bench holds none of them. */
async function containerWithFiles(name: string, script: string): Promise<string> {
  const id = await benchContainer(name, ['sh', '-c', `${script} && touch /ready && sleep 3600`]);
  for (let waited = 0; waited < 120_000; waited += 200) {
    const ready = await engineCall('HEAD', `/containers/${id}/archive?path=/ready`);
    if (ready.status === 200) return id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not write its files in time`);
}

async function readFileRows(server: BenchServer): Promise<Row[]> {
  const id = await containerWithFiles(
    'cmcp-bench-files-read',
    'mkdir -p /data && head -c 786432 /dev/urandom | base64 | head -c 1048576 > /data/file.txt',
  );
  const uri = `container://${id.slice(0, 12)}/data/file.txt`;
  const times = await interleave({
    warmup: 3,
    reps: 30,
    subject: async () => {
      const { contents } = await server.client.readResource({ uri });
      const first = contents[0];
      if (!first || !('text' in first) || first.text.length !== 1048576)
        throw new Error('the resource did not return the whole file');
    },
    baseline: () => docker(['cp', `${id}:/data/file.txt`, '-']),
  });
  return [
    {
      metric: 'read a 1 MiB file (median)',
      subject: median(times.subject),
      baseline: median(times.baseline),
      unit: 'ms',
      baselineLabel: 'docker cp CONTAINER:/path - to stdout',
    },
  ];
}

async function exportRows(server: BenchServer): Promise<Row[]> {
  const id = await containerWithFiles(
    'cmcp-bench-files-export',
    `mkdir -p /data && for i in $(seq 1 ${EXPORT_FILES}); do head -c 1000000 /dev/urandom > /data/f$i; done`,
  );
  const exportOnce = async () => {
    const result = await server.client.callTool(
      { name: 'container_export', arguments: { id } },
      undefined,
      { timeout: 600_000 },
    );
    if (result.isError) throw new Error('container_export failed');
  };
  const growth = await peakGrowth(server.pid, exportOnce);
  const cliPeak = await commandPeakRss('docker', ['export', id], DOCKER_ENV);
  const times = await interleave({
    warmup: 1,
    reps: 6,
    subject: exportOnce,
    baseline: () => docker(['export', id]),
  });
  return [
    {
      metric: 'export 200 MB (median)',
      subject: median(times.subject) / 1000,
      baseline: median(times.baseline) / 1000,
      unit: 's',
      baselineLabel: 'docker export > /dev/null',
      note: 'the server parses every tar header for the summary',
    },
    {
      metric: 'export 200 MB: peak memory growth',
      subject: growth / MiB,
      baseline: cliPeak / MiB,
      unit: 'MiB',
      baselineLabel: 'peak RSS of the docker CLI doing the same export',
      target: { subjectAtMost: 32 },
      note: "server: VmHWM over its RSS before the call; CLI: its whole process's VmHWM",
    },
  ];
}

export const figure: Figure = {
  name: 'files',
  title: 'Container files: a 1 MiB resource read vs docker cp, a 200 MB export vs docker export',
  async run() {
    const server = await startServer();
    try {
      return [...(await readFileRows(server)), ...(await exportRows(server))];
    } finally {
      await server.close();
    }
  },
};
