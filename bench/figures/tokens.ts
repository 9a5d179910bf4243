/**
 * What the model reads: the tool definitions, then each usual answer on a busy engine (64 containers with 8 labels and
 * 12 env entries each, a log of ~95-character lines), in cl100k tokens, as structured
 * content (what Claude Code, Codex and VS Code show) against the text (what Gemini CLI and
 * others show). The same measurement holds the budgets in test/clients/token-budget.test.ts.
 */
import type { Figure, Row } from '../lib/figure.js';
import { startBusyEngine } from '../../test/helpers/busy-engine.js';
import { removeTestContainers } from '../../test/helpers/docker.js';
import { MAX_RATIO, MIN_TOKENS, measureAll } from '../../test/helpers/token-budget.js';
import {
  ALL_TOOLS_BUDGET,
  definitionTokens,
  ONE_TOOL_BUDGET,
} from '../../test/helpers/tool-definitions.js';

/**
 * What every model turn pays for the tool list (default flags): each tool's name, description
 * and input schema as tools/list shows it, against the same tool with the whole schema the
 * server validates with (container_create's full body, every filter spelled out).
 */
function definitionRows(): Row[] {
  const costs = definitionTokens();
  const row = (metric: string, subject: number, baseline: number, budget: number): Row => ({
    metric,
    subject,
    baseline,
    unit: 'tokens',
    baselineLabel: 'the whole validating schema',
    target: { subjectAtMost: budget },
  });
  return [
    row(
      `definitions: all ${costs.length} tools`,
      costs.reduce((sum, cost) => sum + cost.tokens, 0),
      costs.reduce((sum, cost) => sum + cost.strictTokens, 0),
      ALL_TOOLS_BUDGET,
    ),
    ...costs.map((cost) =>
      row(`definition: ${cost.name}`, cost.tokens, cost.strictTokens, ONE_TOOL_BUDGET),
    ),
  ];
}

export const figure: Figure = {
  name: 'tokens',
  title: 'tokens of each usual answer: structured content vs text (cl100k, busy engine)',
  async run() {
    const definitions = definitionRows();
    try {
      const rows = await measureAll(await startBusyEngine());
      return [
        ...definitions,
        ...rows.map(({ usual, text, structured, isError }): Row => {
          const ratioApplies = Math.max(text, structured) > MIN_TOKENS;
          return {
            metric: usual.name,
            subject: structured,
            baseline: text,
            unit: 'tokens',
            baselineLabel: 'the text',
            ...((ratioApplies || usual.budget !== undefined) && {
              target: {
                ...(ratioApplies && { ratioAtMost: MAX_RATIO }),
                ...(usual.budget !== undefined && { subjectAtMost: usual.budget - 1 }),
              },
            }),
            ...(isError && { note: 'isError (the confirmation answer)' }),
          };
        }),
      ];
    } finally {
      await removeTestContainers();
    }
  },
};
