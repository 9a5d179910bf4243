/**
 * The surface a model sees, one file per tool: a change to a tool's name, description,
 * schemas or annotations shows up in review as a one-file diff under test/snapshots/tools/.
 * No engine and no build: the listing is computed from the table as the server computes it,
 * under the default policy (arguments it forbids, such as exec's privileged, left out) and
 * the default --confirm (guarded tools take `confirm`). The integration tier checks
 * that the built server serves exactly these (test/integration/tools-list.test.ts).
 * Update on purpose with: npx vitest run --project unit -u test/unit/tool-snapshots.test.ts
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { describeTool } from '../../src/mcp/listing.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { applyToolPolicy } from '../../src/safety/policy/index.js';
import { TOOLS } from '../../src/tools/index.js';

const listed = withConfirmation(applyToolPolicy(TOOLS, DEFAULT_CONFIG), DEFAULT_CONFIG).map(
  describeTool,
);

describe('tools/list, tool by tool', () => {
  it.each(listed.map((tool) => [tool.name, tool] as const))('%s', async (name, tool) => {
    await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(
      `../snapshots/tools/${name}.json`,
    );
  });

  it('has a snapshot for every tool and none for a tool that is gone', () => {
    const files = readdirSync(new URL('../snapshots/tools/', import.meta.url)).sort();
    expect(files).toEqual(listed.map((tool) => `${tool.name}.json`).sort());
  });
});
