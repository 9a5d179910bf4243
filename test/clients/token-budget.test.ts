/**
 * Token budgets, with a real tokenizer, on a busy engine: what the model reads of each usual
 * answer stays small in both forms, and the structured form (all that Claude Code, Codex and
 * VS Code show) is at most 1.25x the text for any answer over 200 tokens. The structured
 * form must also carry the text's guidance: what was left out and how to read it, and the
 * confirmation's instructions. `npm run bench -- tokens` prints the same table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBusyEngine, type BusyEngine } from '../helpers/busy-engine.js';
import { removeTestContainers } from '../helpers/docker.js';
import { textOf } from '../helpers/mcp.js';
import { measureAll, overBudget, type Measured } from '../helpers/token-budget.js';

let busy: BusyEngine;
let rows: Measured[];

beforeAll(async () => {
  busy = await startBusyEngine();
  rows = await measureAll(busy);
}, 240_000);

afterAll(() => removeTestContainers());

const answer = (name: string) => {
  const row = rows.find((each) => each.usual.name === name);
  if (!row) throw new Error(`no usual answer named ${name}`);
  return { text: textOf(row.result), data: row.result.structuredContent ?? {} };
};

describe('token budgets on a busy engine (cl100k)', () => {
  it('every usual answer keeps its budget in both forms', () => {
    const table = rows.map(
      (row) =>
        `${row.usual.name}: text ${row.text}, structured ${row.structured}${row.isError ? ' (isError)' : ''}`,
    );
    const broken = rows.flatMap((row) =>
      overBudget(row).map((problem) => `${row.usual.name}: ${problem}`),
    );
    expect(broken, table.join('\n')).toEqual([]);
  });

  it('the structured form says what was left out, with the arguments that read it', () => {
    const logs = answer('container_logs (default)');
    expect(logs.data.left_out).toMatch(
      /^Older lines may exist beyond tail 100\. To read them: until: "/,
    );
    expect(logs.text).toContain(logs.data.left_out);
    expect(logs.data.left_out).toContain(`until: "${String(logs.data.earlier_until)}"`);
    const grep = answer('container_logs grep');
    expect(grep.data.streams).toEqual(['stdout', 'stderr']);
    expect(grep.data.left_out).toMatch(/earlier lines left out \(tail 100\)\. To read them: until/);
    expect(grep.text).toContain(grep.data.left_out);
  });

  it('the confirmation answer says, in its fields, that nothing was done and to ask first', () => {
    const kill = answer('container_kill (confirmation)');
    expect(kill.data).toMatchObject({
      confirmation_required: true,
      done: 'container_kill was NOT run; nothing was changed. It needs a confirmation first.',
    });
    expect(kill.data.next).toMatch(
      /^Unless the user asked for exactly this, show them the preview and ask first\. To go ahead, call container_kill again with the same arguments plus "confirm"/,
    );
    expect(kill.text).toContain('show them the preview and ask first');
  });

  it('tables hold the same rows in both forms', () => {
    const list = answer('container_list all: true (64)');
    expect(list.data).toMatchObject({ total: busy.all.length });
    expect(list.data.containers).toHaveLength(busy.all.length);
    expect(list.text.split('\n')).toHaveLength(busy.all.length + 2);
    const bin = answer('container_archive /bin');
    const entries = bin.data.entries as string[][];
    expect(bin.text).toContain(`${entries.length} entries in its archive`);
  });
});
