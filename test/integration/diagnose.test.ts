/**
 * container_diagnose through a real MCP client against the real engine: the verdict for a
 * container that exits 1, one killed for memory, one with a failing and one with a passing
 * healthcheck, one that writes "ready" after a delay, and the other exit codes a verdict
 * explains; each answer within 1,500 tokens (cl100k) in both forms, also when its output is
 * built to cost the most tokens per byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { call, startServer, textOf, type Session } from '../helpers/mcp.js';
import { countTokens, structuredForm, textForm } from '../helpers/token-budget.js';
import { DIAGNOSE_CASES } from '../helpers/diagnose-cases.js';

interface DiagnoseData {
  verdict: string;
  container: { id: string; name: string; image?: string };
  state?: {
    status: string;
    exit_code?: number;
    meaning?: string;
    oom_killed?: boolean;
    restart_count?: number;
  };
  health?: {
    command: string;
    status: string;
    failing_streak: number;
    probes: { exit_code: number; output: string; times?: number }[];
  };
  stderr?: string[];
  stdout?: string[];
  events?: { columns: string[]; rows: string[][] };
  next?: string;
}

const MAX_TOKENS = 1500;

let session: Session;
const made: Record<string, TestContainer> = {};

beforeAll(async () => {
  session = await startServer();
  await Promise.all(
    Object.entries(DIAGNOSE_CASES).map(async ([name, setup]) => {
      made[name] = await setup.create();
    }),
  );
  await Promise.all(
    Object.entries(DIAGNOSE_CASES).map(([name, setup]) =>
      eventually(() => setup.settled(made[name]!), 60_000),
    ),
  );
}, 120_000);
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

async function diagnose(name: keyof typeof DIAGNOSE_CASES) {
  const result = await call(session, 'container_diagnose', { id: made[name]!.name });
  expect(result.isError, textOf(result)).toBeFalsy();
  const data = result.structuredContent as unknown as DiagnoseData;
  const tokens = {
    text: countTokens(textForm(result)),
    structured: countTokens(structuredForm(result)),
  };
  expect(tokens.text, 'text tokens').toBeLessThanOrEqual(MAX_TOKENS);
  expect(tokens.structured, 'structured tokens').toBeLessThanOrEqual(MAX_TOKENS);
  const text = textOf(result);
  // The verdict comes first, in both forms.
  expect(text.split('\n')[0]).toBe(
    `${made[name]!.name} (${data.container.id}): ${data.verdict}${text.includes('\n') ? '' : '.'}`,
  );
  return { text, data, tokens };
}

describe.concurrent('container_diagnose', () => {
  it('exit 1: an application error, with its last stderr line', async () => {
    const { data, text } = await diagnose('exit1');
    expect(data.verdict).toBe(
      'exited 1: the application exited with an error (code 1); last stderr: "boom"',
    );
    expect(data.state).toMatchObject({
      status: 'exited',
      exit_code: 1,
      meaning: 'application error',
    });
    expect(data.stderr).toEqual(['boom']);
    expect(data.stdout).toEqual(['starting']);
    expect(text).toContain('Last stderr lines, oldest first:\n  boom');
  });

  it('killed for memory: 137 with OOMKilled and the limit', async () => {
    const { data } = await diagnose('oom');
    expect(data.verdict).toBe('exited 137: killed by the kernel for memory (limit 16MiB)');
    expect(data.state).toMatchObject({ exit_code: 137, oom_killed: true });
    expect(data.stdout).toEqual(['allocating']);
  });

  it('a failing healthcheck: the command, how often it failed, and its output', async () => {
    const { data, text } = await diagnose('unhealthy');
    expect(data.verdict).toMatch(
      /^unhealthy: `busybox nc 127\.0\.0\.1 8080 <\/dev\/null` failed \d+ times: "nc: can't connect to remote host \(127\.0\.0\.1\): Connection refused"$/,
    );
    expect(data.health).toMatchObject({ status: 'unhealthy' });
    expect(data.health?.probes.at(-1)).toMatchObject({ exit_code: 1 });
    expect(text).toContain('Health: `busybox nc 127.0.0.1 8080 </dev/null`: unhealthy');
  });

  it('a passing healthcheck, and a container that wrote "ready": one line each', async () => {
    const healthy = await diagnose('healthy');
    expect(healthy.data.verdict).toMatch(/^running and healthy \(up .+\)$/);
    expect(healthy.text.split('\n')).toHaveLength(1);
    const ready = await diagnose('ready');
    expect(ready.data.verdict).toMatch(/^running \(up .+\); it has no healthcheck$/);
    expect(ready.data).toEqual({ verdict: ready.data.verdict, container: ready.data.container });
  });

  it('says what 137 without OOM, 143 and 127 mean', async () => {
    expect((await diagnose('killed')).data.verdict).toBe(
      'exited 137: killed (SIGKILL): docker kill, a stop past its timeout, or the OOM killer',
    );
    expect((await diagnose('stopped')).data.verdict).toBe(
      'exited 143: stopped by SIGTERM (docker stop, or a TERM it obeyed)',
    );
    const missing = await diagnose('notFound');
    expect(missing.data.verdict).toMatch(
      /^its start failed with code 127: the command was not found \(code 127: check Cmd\/Entrypoint and the image PATH\); engine error: ".*no-such-command.*"$/,
    );
  });

  it('stays within its budget whatever the output costs per byte', async () => {
    const { data, tokens } = await diagnose('costly');
    expect(data.verdict).toMatch(/^exited 3: the application exited with code 3; last stderr: /);
    expect(data.stderr!.length).toBeGreaterThan(0);
    // the budget was spent: less than all 12 lines fit
    expect(data.stderr!.length).toBeLessThan(12);
    expect(Math.max(tokens.text, tokens.structured)).toBeGreaterThan(600);
  });
});
