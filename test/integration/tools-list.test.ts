/**
 * The surface a model sees, as the built server serves it: exactly the per-tool snapshots
 * in test/snapshots/tools/ (kept by test/unit/tool-snapshots.test.ts), in the table's order.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { applyToolPolicy } from '../../src/safety/policy/index.js';
import { TOOLS } from '../../src/tools/index.js';
import { describeTool } from '../../src/mcp/listing.js';
import { startServer, type Session } from '../helpers/mcp.js';

let session: Session;
beforeAll(async () => {
  // The surface under the default --confirm (guarded tools take `confirm`), not the tests' none.
  session = await startServer({ args: ['--confirm', 'destructive'] });
});
afterAll(() => session?.close());

describe('tools/list', () => {
  it('serves exactly the checked-in snapshot of each tool, in order', async () => {
    const { tools } = await session.client.listTools();
    const snapshots = TOOLS.map(
      (tool) =>
        JSON.parse(
          readFileSync(new URL(`../snapshots/tools/${tool.name}.json`, import.meta.url), 'utf8'),
        ) as unknown,
    );
    expect(tools).toEqual(snapshots);
  });

  it('serves from the bundle the same schemas a conversion at start-up gives', async () => {
    // dist/cli.js embeds schemas computed at build time (scripts/bundle.ts); a stale or
    // wrong embedding would show here, tool by tool. Guarded tools and arguments the policy
    // forbids are changed at start-up and converted then: the same transformations give the
    // expected.
    const { tools } = await session.client.listTools();
    const served = new Map(tools.map((tool) => [tool.name, tool]));
    for (const tool of withConfirmation(applyToolPolicy(TOOLS, DEFAULT_CONFIG), DEFAULT_CONFIG)) {
      const fresh = describeTool(tool);
      expect(served.get(tool.name)?.inputSchema, tool.name).toEqual(fresh.inputSchema);
      expect(served.get(tool.name)?.outputSchema, tool.name).toEqual(fresh.outputSchema);
    }
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
