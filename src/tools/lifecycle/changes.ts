import { z } from 'zod';
import { listChanges, type FilesystemChange } from '../../engine/api/lifecycle.js';
import { capItems } from '../../render/bound.js';
import { defineTool } from '../../mcp/define.js';
import { containerId, PATH_CHARS } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { countOf } from '../../render/units.js';

/** Lines beyond this are counted, not shown: a package install changes thousands of files. */
export const MAX_CHANGE_LINES = 500;

const KINDS = ['C', 'A', 'D'] as const;

export const containerChanges = defineTool({
  name: 'container_changes',
  title: "List changes to a container's filesystem",
  description:
    'Files and directories a container has added (A), changed (C) or deleted (D) relative to its image (`docker diff`). ' +
    `At most ${MAX_CHANGE_LINES} lines; the answer counts the rest and \`path\` narrows to one directory.`,
  input: z.strictObject({
    id: containerId,
    path: z
      .string()
      .max(PATH_CHARS)
      .regex(/^\//, 'must be an absolute path, e.g. "/etc"')
      .optional()
      .describe('Only changes at or below this path, e.g. "/etc"'),
  }),
  output: z.object({
    changes: z.array(z.object({ kind: z.enum(KINDS), path: z.string() })),
    total: z.number().describe('How many changes matched'),
    counts: z.object({ added: z.number(), changed: z.number(), deleted: z.number() }),
    truncated: z.boolean(),
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run(input, ctx) {
    const { engine, signal } = ctx;
    const label = targetLabel(ctx, input.id);
    const found =
      (await engine.json<FilesystemChange[] | null>(listChanges, {
        params: { id: input.id },
        signal,
      })) ?? [];
    const matching = found
      .filter((change) => input.path === undefined || isUnder(change.Path, input.path))
      .map((change) => ({ kind: KINDS[change.Kind] ?? 'C', path: change.Path }));
    const counts = {
      added: matching.filter((change) => change.kind === 'A').length,
      changed: matching.filter((change) => change.kind === 'C').length,
      deleted: matching.filter((change) => change.kind === 'D').length,
    };
    const { shown, omitted } = capItems(matching, MAX_CHANGE_LINES);
    const where = input.path ? ` under ${input.path}` : '';
    const text =
      matching.length === 0
        ? `No changes${where} in ${label}: its filesystem is as the image left it.`
        : [
            `${countOf(matching.length, 'change')}${where} in ${label} (${counts.added} added, ${counts.changed} changed, ${counts.deleted} deleted):`,
            ...shown.map((change) => `${change.kind} ${change.path}`),
            ...(omitted > 0
              ? [`… ${omitted} more not shown: pass path to narrow to one directory.`]
              : []),
          ].join('\n');
    return {
      text,
      data: { changes: shown, total: matching.length, counts, truncated: omitted > 0 },
    };
  },
});

function isUnder(path: string, root: string): boolean {
  const base = root.replace(/\/+$/, '');
  return base === '' || path === base || path.startsWith(`${base}/`);
}
