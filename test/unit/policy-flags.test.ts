/**
 * --help describes the policy the server applies: --no-destructive's help names exactly the
 * tools the tool filter leaves out under it (both read the effects the tools declare).
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FLAGS } from '../../src/cli/policy-flags.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { applyToolPolicy } from '../../src/safety/policy/tool-filter.js';
import { TOOLS } from '../../src/tools/index.js';

describe('--no-destructive in --help', () => {
  const help = POLICY_FLAGS.find((flag) => flag.name === 'no-destructive')?.help ?? '';
  const named = /\(([^)]*)\)/.exec(help)?.[1]?.split(', ') ?? [];
  const offered = applyToolPolicy(TOOLS, {
    policy: { ...DEFAULT_CONFIG.policy, noDestructive: true },
  }).map((tool) => tool.name);
  const dropped = TOOLS.map((tool) => tool.name).filter((name) => !offered.includes(name));

  it('names every tool it leaves out, and only those', () => {
    expect(dropped.length).toBeGreaterThan(0);
    expect(
      named
        .map((short) => TOOLS.find((t) => [short, `container_${short}`].includes(t.name))?.name)
        .sort(),
    ).toEqual([...dropped].sort());
  });
});
