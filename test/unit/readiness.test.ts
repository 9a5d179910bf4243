/**
 * The pure halves of readiness and diagnosis: the verdict on one reading of a container's
 * state, its healthcheck as answers tell it, and what an exit code means.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerInspect } from '../../src/engine/index.js';
import { exitMeaning } from '../../src/containers/exit-codes.js';
import {
  commandOf,
  describeHealth,
  healthFacts,
  probesOverdue,
} from '../../src/containers/health.js';
import { decide } from '../../src/containers/readiness.js';
import { containerDocument } from '../helpers/container-document.js';

function container(
  state: Partial<ContainerInspect['State']>,
  healthcheck?: ContainerInspect['Config']['Healthcheck'],
): ContainerInspect {
  return containerDocument(state, healthcheck ? { Healthcheck: healthcheck } : {});
}

const CHECK = { Test: ['CMD-SHELL', 'busybox nc 127.0.0.1 8080'], Interval: 1e9, Retries: 2 };
const probe = (exitCode: number, output: string) => ({ ExitCode: exitCode, Output: output });

describe('decide', () => {
  it('running: met when it runs; a created, restarting or paused one may still get there', () => {
    expect(decide(container({}), 'running')).toBe('met');
    for (const Status of ['created', 'restarting', 'paused', 'removing'])
      expect(decide(container({ Status, Running: false }), 'running')).toBe('pending');
  });

  it('ends when it cannot get there by itself: exited, dead, removed', () => {
    expect(decide(container({ Status: 'exited', Running: false, ExitCode: 1 }), 'running')).toEqual(
      { cannot: 'exited' },
    );
    expect(decide(container({ Status: 'dead', Dead: true }), 'running')).toEqual({
      cannot: 'dead',
    });
    expect(decide(undefined, 'healthy')).toEqual({ cannot: 'removed' });
  });

  it('healthy: met, pending while starting, ended by unhealthy or no healthcheck', () => {
    const health = (Status: string) => ({ Status, FailingStreak: 0, Log: [] });
    expect(decide(container({ Health: health('healthy') }, CHECK), 'healthy')).toBe('met');
    expect(decide(container({ Health: health('starting') }, CHECK), 'healthy')).toBe('pending');
    expect(decide(container({ Health: health('unhealthy') }, CHECK), 'healthy')).toEqual({
      cannot: 'unhealthy',
    });
    expect(decide(container({}), 'healthy')).toEqual({ cannot: 'no_healthcheck' });
    // Podman gives every container a Health, with an empty status when it has no check
    expect(decide(container({ Health: health('') }), 'healthy')).toEqual({
      cannot: 'no_healthcheck',
    });
    expect(decide(container({}, { Test: ['NONE'] }), 'healthy')).toEqual({
      cannot: 'no_healthcheck',
    });
  });
});

describe('healthFacts', () => {
  it('reads the command, the probes and the streak', () => {
    const facts = healthFacts(
      container(
        {
          Health: {
            Status: 'unhealthy',
            FailingStreak: 5,
            Log: [probe(1, "nc: can't connect\n\nmore"), probe(1, '\u001b[31mrefused\u001b[0m')],
          },
        },
        CHECK,
      ),
    );
    expect(facts).toMatchObject({ command: 'busybox nc 127.0.0.1 8080', retries: 2, intervalS: 1 });
    expect(facts?.probes.map((p) => p.output)).toEqual(["nc: can't connect", 'refused']);
    expect(describeHealth(facts!)).toBe(
      'unhealthy: `busybox nc 127.0.0.1 8080` failed 5 times in a row; last probe exit 1: refused',
    );
    expect(commandOf(['CMD', 'curl', '-f', 'http://x/'])).toBe('curl -f http://x/');
  });

  it('says when no probe has run although one is overdue (Podman without systemd timers)', () => {
    const started = Date.parse('2026-12-06T14:00:01Z');
    const c = container({ Health: { Status: 'starting', FailingStreak: 0, Log: null } }, CHECK);
    const facts = healthFacts(c)!;
    expect(probesOverdue(c, facts, started + 1000)).toBe(false);
    expect(probesOverdue(c, facts, started + 10_000)).toBe(true);
  });
});

describe('exitMeaning', () => {
  it.each([
    [0, {}, 'it finished normally (code 0)'],
    [1, {}, 'the application exited with an error (code 1)'],
    [
      126,
      {},
      'the command was found but could not be run (code 126: not executable, or permission denied)',
    ],
    [127, {}, 'the command was not found (code 127: check Cmd/Entrypoint and the image PATH)'],
    [
      137,
      { oomKilled: true, memoryLimit: 64 * 2 ** 20 },
      'killed by the kernel for memory (limit 64MiB)',
    ],
    [137, {}, 'killed (SIGKILL): docker kill, a stop past its timeout, or the OOM killer'],
    [
      137,
      { memoryLimit: 16 * 2 ** 20, oomUnreported: true },
      'killed (SIGKILL); it has a memory limit of 16MiB and this engine does not report OOM kills, so memory is the likely cause',
    ],
    [143, {}, 'stopped by SIGTERM (docker stop, or a TERM it obeyed)'],
    [139, {}, 'crashed: segmentation fault (SIGSEGV)'],
    [42, {}, 'the application exited with code 42'],
  ] as const)('%i %o', (code, facts, text) => {
    expect(exitMeaning(code, facts).text).toBe(text);
  });
});
