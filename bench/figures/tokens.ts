/**
 * What the model reads: each usual answer on a busy engine (64 containers with 8 labels and
 * 12 env entries each, a log of ~95-character lines), in cl100k tokens, as structured
 * content (what Claude Code, Codex and VS Code show) against the text (what Gemini CLI and
 * others show). The same measurement holds the budgets in test/clients/token-budget.test.ts.
 */
import type { Figure, Row } from '../lib/figure.js';
import { startBusyEngine } from '../../test/helpers/busy-engine.js';
import { removeTestContainers } from '../../test/helpers/docker.js';
import { MAX_RATIO, MIN_TOKENS, measureAll } from '../../test/helpers/token-budget.js';

export const figure: Figure = {
  name: 'tokens',
  title: 'tokens of each usual answer: structured content vs text (cl100k, busy engine)',
  async run() {
    try {
      const rows = await measureAll(await startBusyEngine());
      return rows.map(({ usual, text, structured, isError }): Row => {
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
      });
    } finally {
      await removeTestContainers();
    }
  },
};
