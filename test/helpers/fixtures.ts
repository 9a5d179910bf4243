/**
 * Set-up scripts a test file needs beyond the engine under test (the sshd of the ssh tests,
 * Podman's service for the several-engine tests). Each script is idempotent: it reuses what
 * answers, and starts (on Debian as root, installs) what does not. In CI a script that fails
 * fails the file; on a developer's machine (a laptop with Docker Desktop and no sshd or
 * Podman) the file's tests are skipped, saying why and what would set them up.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';

/** Run scripts/NAME; undefined when it succeeded, else why the tests that need it cannot run. */
export function setUp(script: string, env: Record<string, string> = {}): string | undefined {
  const path = fileURLToPath(new URL(`../../scripts/${script}`, import.meta.url));
  try {
    execFileSync(path, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return undefined;
  } catch (error) {
    const said = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? '';
    const reason = `scripts/${script} could not set up what these tests need${said ? ` (${said})` : ''}`;
    if (process.env.CI) throw new Error(`${reason}; in CI this is a failure`, { cause: error });
    process.stderr.write(`skipped: ${reason}\n`);
    return reason;
  }
}

/** For beforeEach: skip the test with the reason, when there is one. */
export function skipWhen(reason: string | undefined): (context: TestContext) => void {
  return (context) => context.skip(reason !== undefined, reason);
}
