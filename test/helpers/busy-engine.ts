/**
 * A busy engine, as the token budgets are measured on: 64 containers with 8 labels and 12
 * environment entries each (a few running, the rest created), one of which has written a
 * log of about 95-character lines (every tenth on stderr) and a small config file.
 * Everything carries this file's test labels, so a server started with `scopeArgs()` sees
 * exactly these containers, and removeTestContainers() takes them away.
 */
import { createContainer, docker, eventually, FILE_LABEL, uniqueName } from './docker.js';

export const BUSY_CONTAINERS = 64;
/** Lines the log container writes: more than any default answer shows. */
export const LOG_LINES = 2000;
const RUNNING = 3;

export interface BusyEngine {
  /** The container with the log and /tmp/app.conf (running). */
  logs: { id: string; name: string };
  /** Every container made, the log container first. */
  all: { id: string; name: string }[];
}

/** Server flags that make the server see only these containers. */
export function scopeArgs(): string[] {
  return ['--scope-label', FILE_LABEL];
}

/** The log's last lines, written after a pause (see LOG_SCRIPT). */
const LAST_LINES = 20;

/** awk writing lines FROM to TO of the log (a shell loop takes a minute on a loaded machine). */
const logLines = (from: number, to: number): string =>
  [
    `awk 'BEGIN { for (i = ${from}; i < ${to}; i++) {`,
    '  at = sprintf("2026-03-14 %d:%d:%d", int(i / 3000) + 10, int(i / 50) % 50 + 10, i % 50 + 10);',
    '  ms = (i * 37) % 900 + 3;',
    '  if (i % 10 == 7) print at " WARN  worker-" (i % 4) " slow upstream call to orders-service took " ms " ms, retrying once" > "/dev/stderr";',
    '  else print at " INFO  worker-" (i % 4) " handled GET /api/v2/items/" i " in " ms " ms (status 200, cache hit)";',
    "} }'",
  ].join('\n');

/**
 * The engine copies stdout and stderr from two pipes on its own, and awk's stdout is
 * buffered: stored lines can be hundreds out of program order. The last LAST_LINES are
 * written after a pause, once the rest is stored, so the newest lines (what a default answer
 * shows) always hold both streams. The end marker goes on both streams: the last line
 * stored is a marker either way.
 */
const LOG_SCRIPT = [
  'printf "listen=0.0.0.0:8080\\nworkers=4\\nlog_level=info\\ncache_dir=/var/cache/app\\n" > /tmp/app.conf',
  logLines(0, LOG_LINES - LAST_LINES),
  'sleep 1',
  logLines(LOG_LINES - LAST_LINES, LOG_LINES),
  'echo "log complete"; echo "log complete" >&2',
  'exec sleep 3600',
].join('\n');

/** Containers are made this many at a time. */
const BATCH = 8;

export async function startBusyEngine(): Promise<BusyEngine> {
  const all: { id: string; name: string }[] = [];
  for (let batch = 0; batch < BUSY_CONTAINERS; batch += BATCH) {
    const indexes = Array.from({ length: BATCH }, (_, offset) => batch + offset);
    all.push(...(await Promise.all(indexes.map(busyContainer))));
  }
  const logs = all[0]!;
  await eventually(async () => {
    const answer = await docker('GET', `/containers/${logs.id}/logs?stdout=1&stderr=1&tail=1`);
    return answer.raw.includes('log complete');
  }, 120_000).catch(async (error: Error) => {
    throw new Error(`${error.message}: the log container ${await describe(logs.id)}`);
  });
  return { logs, all };
}

/** Where the log container is at, for a setup that timed out. */
async function describe(id: string): Promise<string> {
  const inspected = await docker<{ State?: { Status: string; ExitCode: number } }>(
    'GET',
    `/containers/${id}/json`,
  );
  const last = await docker('GET', `/containers/${id}/logs?stdout=1&stderr=1&tail=3`);
  const state = inspected.body.State;
  return inspected.status === 200 && state
    ? `is ${state.Status} (exit code ${state.ExitCode}); its last lines: ${JSON.stringify(last.raw.toString('latin1'))}`
    : `answers ${inspected.status} to an inspect`;
}

function busyContainer(index: number): Promise<{ id: string; name: string }> {
  const first = index === 0;
  return createContainer({
    name: uniqueName(first ? 'logs' : 'svc'),
    cmd: first ? ['sh', '-c', LOG_SCRIPT] : ['sleep', '3600'],
    labels: labelsFor(index),
    env: envFor(index),
    start: index < RUNNING,
  });
}

function labelsFor(index: number): Record<string, string> {
  return {
    'com.example.team': ['payments', 'search', 'platform', 'growth'][index % 4]!,
    'com.example.tier': index % 3 === 0 ? 'frontend' : 'backend',
    'com.example.version': `2.${index % 7}.${index % 11}`,
    'com.example.commit': ((index * 2654435761) % 4294967296).toString(16).padStart(8, '0'),
    'org.opencontainers.image.source': 'https://git.example.com/shop/services',
    'traefik.enable': index % 2 === 0 ? 'true' : 'false',
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(9000 + (index % 50)),
  };
}

function envFor(index: number): string[] {
  return [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `SERVICE_NAME=svc-${index}`,
    'NODE_ENV=production',
    `PORT=${8000 + index}`,
    'LOG_LEVEL=info',
    'DATABASE_URL=postgres://app:hunter2@db.internal:5432/shop',
    'REDIS_URL=redis://cache.internal:6379/0',
    'API_KEY=sk-live-0123456789abcdef',
    'TZ=UTC',
    'LANG=C.UTF-8',
    `WORKERS=${1 + (index % 8)}`,
    'FEATURE_FLAGS=checkout-v2,search-rerank,new-nav',
  ];
}
