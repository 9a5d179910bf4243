/**
 * attach's answer when the engine refused the input (the process had ended): both forms say
 * the input did not arrive (Claude Code reads only the structured form, Gemini CLI the text).
 */
import { describe, expect, it } from 'vitest';
import { INPUT_REFUSED } from '../../src/containers/stdin.js';
import { stateOf } from '../../src/containers/state.js';
import type { ContainerInspect } from '../../src/engine/index.js';
import { attachAnswer, type AttachResult } from '../../src/tools/attach/answer.js';
import { attachInput } from '../../src/tools/attach/schemas.js';

const raw = {
  Id: 'a'.repeat(64),
  Name: '/web',
  Config: { Tty: false, Labels: {} },
  HostConfig: {},
  State: { Status: 'exited', Running: false, ExitCode: 0, StartedAt: '2026-11-30T10:00:00Z' },
} as unknown as ContainerInspect;

const result = (inputRefused: boolean): AttachResult => ({
  args: attachInput.parse({ id: 'web', stdin: true, input: 'exit\n' }),
  transport: 'hijack',
  tty: false,
  session: {
    ended: 'stream_end',
    bytes: 0,
    inputBytes: 5,
    ms: 20,
    ...(inputRefused && { inputRefused: true as const }),
  },
  snapshot: { entries: [], lines: 0, matched: 0, omitted: 0, errors: [] },
  after: { data: stateOf(raw), line: 'exited (0)' },
});

describe('attach answer', () => {
  it('says in both forms that refused input did not arrive', () => {
    const refused = attachAnswer(result(true));
    expect(refused.text).toContain(INPUT_REFUSED);
    expect(refused.data).toMatchObject({ input_bytes: 5, input_refused: true });
    const arrived = attachAnswer(result(false));
    expect(arrived.text).not.toContain(INPUT_REFUSED);
    expect(arrived.data).not.toHaveProperty('input_refused');
  });
});
