/**
 * container_exec's pure parts: what a reader is shown of a command (nothing hidden), how a
 * start the runtime refused is told from a command that ran, and the input checks, each
 * naming its field and the fix.
 */
import { describe, expect, it } from 'vitest';
import { formatInputError } from '../../src/mcp/validation.js';
import { visibleJson } from '../../src/render/escape.js';
import { execInput } from '../../src/tools/exec/schemas.js';
import { startFailure, startFailureHint } from '../../src/tools/exec/start-failure.js';
import { withoutEngineLines } from '../../src/tools/exec/engine-lines.js';

const stdout = (text: string) => ({ stream: 'stdout' as const, text, cut: 0 });
const stderr = (text: string) => ({ stream: 'stderr' as const, text, cut: 0 });

describe('visibleJson', () => {
  const tricky = [
    'rm\n-rf',
    'a\u202eb', // right-to-left override
    'zero\u200bwidth',
    'del\u007f',
    'c1\u009b',
    'line\u2028sep',
    'tag\u{e0041}',
    'esc\u001b[31m',
  ];

  it('escapes every character that could hide or reorder what is read', () => {
    const shown = visibleJson(tricky);
    expect(shown).toBe(
      '["rm\\n-rf","a\\u202eb","zero\\u200bwidth","del\\u007f","c1\\u009b","line\\u2028sep","tag\\udb40\\udc41","esc\\u001b[31m"]',
    );
    expect([...shown].filter((char) => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(char))).toEqual([]);
    // Still JSON: it reads back as exactly what runs.
    expect(JSON.parse(shown)).toEqual(tricky);
  });

  it('leaves ordinary text, other scripts and emoji alone', () => {
    expect(visibleJson('héllo wörld 日本 🙂')).toBe('"héllo wörld 日本 🙂"');
  });
});

describe('a start the runtime refused', () => {
  const DOCKERD =
    'OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown';
  const PODMAN =
    'Error: /usr/sbin/runc: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: OCI runtime attempted to invoke a command that was not found';

  it("is recognised in dockerd's stdout and Podman's stderr, by the runtime's exit codes", () => {
    expect(startFailure(126, [stdout(DOCKERD)])).toBe(DOCKERD);
    expect(startFailure(127, [stderr(PODMAN), stderr('Error: read unixpacket: reset')])).toBe(
      PODMAN,
    );
    expect(
      startFailure(126, [stdout('unable to find user ghost: no matching entries in passwd file')]),
    ).toMatch(/unable to find user ghost/);
  });

  it('is not a command that ran and exited 126 or 127, or printed the words with another code', () => {
    expect(startFailure(126, [stdout('permission denied: ./build.sh')])).toBeUndefined();
    expect(startFailure(127, [stdout('sh: nope: not found')])).toBeUndefined();
    expect(startFailure(1, [stdout(DOCKERD)])).toBeUndefined();
    expect(startFailure(null, [stdout(DOCKERD)])).toBeUndefined();
  });

  it('gets the step that fixes it', () => {
    expect(startFailureHint(DOCKERD, '"nope"')).toMatch(/^"nope" is not in the container/);
    expect(startFailureHint(PODMAN, '"nope"')).toMatch(/not on its PATH/);
    expect(
      startFailureHint(
        'OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/x") set in config.json failed: no such file or directory: unknown',
        '"pwd"',
      ),
    ).toMatch(/working directory does not exist/);
    expect(
      startFailureHint('unable to find user ghost: no matching entries in passwd file', '"id"'),
    ).toMatch(/numeric uid\[:gid\]/);
    expect(
      startFailureHint(
        'OCI runtime exec failed: exec failed: unable to start container process: unable to apply caps: operation not permitted: unknown',
        '"id"',
      ),
    ).toMatch(/run without privileged/);
  });
});

describe("Podman's own attach errors in the output", () => {
  it('move to the engine errors, out of the command output', () => {
    const noise = 'Error: write unixpacket @->/proc/self/fd/13/attach: write: broken pipe';
    const snapshot = withoutEngineLines({
      entries: [stdout('go'), stdout('21 77'), stdout(noise)],
      lines: 3,
      matched: 0,
      omitted: 0,
      errors: [],
    });
    expect(snapshot.entries).toEqual([stdout('go'), stdout('21 77')]);
    expect(snapshot).toMatchObject({ lines: 2, errors: [noise] });
    // The command's own lines that merely look alike stay.
    const own = [stdout('Error: write failed: broken pipe'), stderr(`x ${noise}`)];
    expect(
      withoutEngineLines({ entries: own, lines: 2, matched: 0, omitted: 0, errors: [] }).entries,
    ).toEqual(own);
  });
});

describe('the input checks', () => {
  const problems = (args: Record<string, unknown>) => {
    const parsed = execInput.safeParse({ id: 'web', ...args });
    return parsed.success ? '' : formatInputError('container_exec', parsed.error, execInput);
  };

  it.each([
    [/cmd: is empty: give the command and its arguments/, { cmd: [] }],
    [/cmd\[0\]: the command name is empty/, { cmd: [''] }],
    [/cmd\[1\]: must not contain NUL characters/, { cmd: ['echo', 'a\0b'] }],
    [
      /cmd: is 20004 characters long, over 16384: send a long script as input/,
      { cmd: ['sh', '-c', 'x'.repeat(10_000), 'y'.repeat(10_000)] },
    ],
    [
      /env: is 20004 characters long, over 16384: pass large values in a file/,
      { cmd: ['env'], env: [`A=${'x'.repeat(10_000)}`, `B=${'y'.repeat(10_000)}`] },
    ],
    [/env\[0\]: must be NAME=value/, { cmd: ['env'], env: ['NOVALUE'] }],
    [/env\[0\]: must be NAME=value/, { cmd: ['env'], env: ['1X=a'] }],
    [/workdir: must be an absolute path/, { cmd: ['pwd'], workdir: 'relative' }],
    [/user: must be a user name or uid/, { cmd: ['id'], user: 'root; rm' }],
    [/tty_size: sizes a TTY: pass tty: true as well/, { cmd: ['id'], tty_size: { h: 24, w: 80 } }],
    [
      /input: is not valid base64/,
      { cmd: ['cat'], input: 'not base64!', input_encoding: 'base64' },
    ],
    [/timeout_s: Too big/, { cmd: ['id'], timeout_s: 601 }],
    [/shell: unknown field/, { cmd: ['id'], shell: true }],
  ])('%s', (message, args) => {
    expect(problems(args)).toMatch(message);
  });

  it('takes a command with its environment, user and directory as given', () => {
    const parsed = execInput.parse({
      id: 'web',
      cmd: ['sh', '-c', 'echo "$A" | wc -c'],
      env: ['A=x=y', 'B.C-d='],
      user: '1000:1000',
      workdir: '/srv/app dir',
    });
    expect(parsed).toMatchObject({
      timeout_s: 30,
      max_bytes: 16384,
      tty: false,
      privileged: false,
    });
  });
});
