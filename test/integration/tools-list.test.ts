/**
 * The surface a model sees, checked in: any change to a tool's name, description, schema or
 * annotations shows up in review as a change to test/snapshots/tools-list.json.
 * Update it on purpose with: npx vitest run --project integration -u test/integration/tools-list.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Session } from '../helpers/mcp.js';

let session: Session;
beforeAll(async () => {
  // The surface under the default --confirm (guarded tools take `confirm`), not the tests' none.
  session = await startServer({ args: ['--confirm', 'destructive'] });
});
afterAll(() => session?.close());

describe('tools/list', () => {
  it('matches the checked-in snapshot', async () => {
    const { tools } = await session.client.listTools();
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      '../snapshots/tools-list.json',
    );
  });

  it('states every annotation on every tool, consistent with its risk', async () => {
    const { tools } = await session.client.listTools();
    for (const tool of tools) {
      const a = tool.annotations;
      expect(a, tool.name).toBeDefined();
      for (const hint of [
        'readOnlyHint',
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
      ] as const) {
        expect(typeof a?.[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      expect(a?.readOnlyHint && a.destructiveHint, tool.name).toBe(false);
      expect(tool.inputSchema.additionalProperties, `${tool.name} input must be strict`).toBe(
        false,
      );
    }
  });
});
