/**
 * Containers with something to diagnose, made from the test image (busybox applets for the
 * healthchecks: `busybox nc` as the listener and as the probe): each with how to make it and
 * when it has reached the state to diagnose. The diagnose tests, the compat tier and the
 * `diagnose` bench figure use the same ones.
 */
import { createContainer, docker, eventually, type TestContainer } from './docker.js';

export interface DiagnoseCase {
  create(): Promise<TestContainer>;
  /** True once the container is in the state the case is about. */
  settled(container: TestContainer): Promise<boolean>;
}

const SECOND = 1_000_000_000;
const MIB = 1024 * 1024;
/** A probe every second; two failures make it unhealthy. */
const HEALTHCHECK = {
  Healthcheck: {
    Test: ['CMD-SHELL', 'busybox nc 127.0.0.1 8080 </dev/null'],
    Interval: SECOND,
    Timeout: 2 * SECOND,
    Retries: 2,
  },
};

interface Inspected {
  State: { Status: string; Error: string; Health?: { Status: string; Log?: unknown[] | null } };
}

const state = async (c: TestContainer) =>
  (await docker<Inspected>('GET', `/containers/${c.id}/json`)).body.State;
const exited = async (c: TestContainer) => (await state(c)).Status === 'exited';
const health = (wanted: string) => async (c: TestContainer) =>
  (await state(c)).Health?.Status === wanted;
const writing = (text: string) => async (c: TestContainer) =>
  (await docker('GET', `/containers/${c.id}/logs?stdout=1&stderr=1`)).raw.includes(text);

/** Stop it (SIGTERM, then SIGKILL after `t` s) and wait for the exit. */
async function stopped(c: TestContainer, t = 1): Promise<TestContainer> {
  await docker('POST', `/containers/${c.id}/stop?t=${t}`);
  await docker('POST', `/containers/${c.id}/wait`);
  return c;
}

/** A line that costs as many tokens as it has bytes, or near it: CJK, punctuation, digits. */
const COSTLY = `${'界'.repeat(40)} ${'}{)(][;:'.repeat(20)} ${'7a9f3c'.repeat(15)}`;

export const DIAGNOSE_CASES = {
  exit1: {
    create: () => createContainer({ cmd: ['sh', '-c', 'echo starting; echo boom >&2; exit 1'] }),
    settled: exited,
  },
  oom: {
    create: () =>
      createContainer({
        cmd: ['sh', '-c', 'echo allocating; x=$(yes | head -c 200000000); echo done'],
        hostConfig: { Memory: 16 * MIB, MemorySwap: 16 * MIB },
      }),
    settled: exited,
  },
  unhealthy: {
    create: () => createContainer({ cmd: ['sleep', '3600'], config: HEALTHCHECK }),
    settled: health('unhealthy'),
  },
  healthy: {
    create: () =>
      createContainer({
        cmd: ['sh', '-c', 'busybox nc -ll -p 8080 -e echo ok'],
        config: HEALTHCHECK,
      }),
    settled: health('healthy'),
  },
  ready: {
    create: () =>
      createContainer({ cmd: ['sh', '-c', 'echo booting; sleep 2; echo ready; sleep 3600'] }),
    settled: writing('ready'),
  },
  killed: {
    create: async () => stopped(await createContainer({ cmd: ['sleep', '3600'] })),
    settled: exited,
  },
  stopped: {
    create: async () => {
      // Stopped only once its trap is set: a TERM before it is ignored (the shell is PID 1).
      const c = await createContainer({
        cmd: ['sh', '-c', "trap 'exit 143' TERM; echo trapped; sleep 3600 & wait"],
      });
      await eventually(() => writing('trapped')(c), 30_000);
      return stopped(c, 10);
    },
    settled: exited,
  },
  notFound: {
    create: async () => {
      const c = await createContainer({ cmd: ['no-such-command'], start: false });
      await docker('POST', `/containers/${c.id}/start`); // fails: the command is not there
      return c;
    },
    // A failed start leaves it created, with the runtime's error.
    settled: async (c: TestContainer) => (await state(c)).Error !== '',
  },
  costly: {
    create: () =>
      createContainer({
        cmd: [
          'sh',
          '-c',
          `for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "${COSTLY}" >&2; done; exit 3`,
        ],
      }),
    settled: exited,
  },
} satisfies Record<string, DiagnoseCase>;

/** The four the bench compares: exit 1, killed for memory, failing and passing healthchecks. */
export const BENCH_CASES = ['exit1', 'oom', 'unhealthy', 'healthy'] as const;
