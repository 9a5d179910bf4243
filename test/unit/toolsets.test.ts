/**
 * --toolsets: every tool is in exactly one set; a set gives its tools as the other flags leave
 * them (--read-only keeps the images set's reads, without a start-up error); an unknown set
 * stops the server, naming the nearest one.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse.js';
import { applyToolPolicy } from '../../src/safety/policy/tool-filter.js';
import { TOOLS, TOOLSETS } from '../../src/tools/index.js';

const offered = (args: string[]) =>
  applyToolPolicy(TOOLS, parseCommandLine(args, {}).config).map((tool) => tool.name);

describe('--toolsets', () => {
  it('puts every tool in exactly one set', () => {
    const named = Object.values(TOOLSETS).flatMap((set) => set.map((tool) => tool.name));
    expect([...named].sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it('offers the tools of the named sets, as the other flags leave them', () => {
    expect(offered(['--toolsets', 'images,exec'])).toEqual([
      'container_exec',
      'image_list',
      'image_inspect',
      'image_pull',
      'image_tag',
      'image_delete',
      'image_prune',
      'container_commit',
    ]);
    expect(offered(['--toolsets', 'images', '--read-only'])).toEqual([
      'image_list',
      'image_inspect',
    ]);
  });

  it('refuses an unknown set, naming the nearest', () => {
    expect(() => parseCommandLine(['--toolsets', 'image'], {})).toThrow(
      /"image" is not a tool set.*images/,
    );
  });
});
