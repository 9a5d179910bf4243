/**
 * The README's Confirmation section, held to the letter against what the tools declare:
 * every tool with a call that changes something or runs code, which the default --confirm
 * lets run unasked, is named in "Not covered by the default"; every tool the default may
 * guard is named in "What is guarded"; and the tools table's sentence about the destructive
 * tools says which of their calls run at once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { callEffects, overlaps, riskOf } from '../../src/mcp/effects.js';
import { guardedEffects, mayBeGuarded } from '../../src/safety/confirm/mode.js';
import { TOOLS } from '../../src/tools/index.js';

/** The README with its lines joined: prettier wraps sentences anywhere. */
const readme = readFileSync(
  fileURLToPath(new URL('../../README.md', import.meta.url)),
  'utf8',
).replace(/\n\s*/g, ' ');
const section = readme.slice(
  readme.indexOf('## Confirmation'),
  readme.indexOf('- **The preview**'),
);
const notCovered = section.slice(section.indexOf('**Not covered by the default:**'));
const guarded = section.slice(0, section.indexOf('`--confirm write` adds'));

/** "container_exec" is named as such, or by its short name ("exec", "pause"). */
const names = (text: string, tool: string) =>
  text.includes(tool) || new RegExp(`\\b${tool.replace(/^container_/, '')}\\b`).test(text);

/** The arguments that, given alone, add effects; plus a call with none. */
function someCalls(tool: (typeof TOOLS)[number]): Record<string, unknown>[] {
  return [{}, ...Object.keys(tool.effects.byArgument ?? {}).map((name) => ({ [name]: 'x' }))];
}

describe("the README's Confirmation section", () => {
  const defaultGuards = guardedEffects(DEFAULT_CONFIG.confirm.mode);

  it('names every tool the default lets change something or run code unasked', () => {
    // Those whose preview settles it (a prune, a put: "What is guarded" says when) aside.
    const unasked = TOOLS.filter(
      (tool) =>
        !overlaps(tool.effects.mayAlso ?? [], defaultGuards) &&
        someCalls(tool).some((args) => {
          const { sure } = callEffects(tool.effects, args);
          return sure.size > 0 && !overlaps(sure, defaultGuards);
        }),
    ).map((tool) => tool.name);
    expect(unasked).toContain('container_exec');
    for (const tool of unasked) expect(names(notCovered, tool), tool).toBe(true);
  });

  it('names every tool the default may guard, and says a matchless prune and a put of new files run at once', () => {
    const mayAsk = TOOLS.filter((tool) => mayBeGuarded(DEFAULT_CONFIG.confirm.mode, tool));
    for (const tool of mayAsk) expect(names(guarded, tool.name), tool.name).toBe(true);
    expect(guarded).toMatch(/A prune that matches nothing, and a put that only creates new files/);
  });

  it('says the same of the destructive tools in the tools table', () => {
    const destructive = TOOLS.filter((tool) => riskOf(tool.effects) === 'destructive');
    const sentence = readme.slice(
      readme.indexOf('`container_stop`, `container_restart`, `container_kill`'),
    );
    const said = sentence.slice(0, sentence.indexOf('(see [Confirmation]'));
    for (const tool of destructive) expect(said).toContain(`\`${tool.name}\``);
    expect(said).toMatch(
      /a prune that matches nothing and a put that only creates new files run at once/,
    );
  });
});
