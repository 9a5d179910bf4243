import { riskOf } from '../../src/mcp/effects.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { TOOLS } from '../../src/tools/index.js';
import { describeEngineError } from '../../src/mcp/errors.js';
import { EngineError } from '../../src/engine/errors.js';

describe('the tool table', () => {
  it('gives every destructive tool a preview for the confirmation layer', () => {
    const destructive = TOOLS.filter((tool) => riskOf(tool.effects) === 'destructive');
    expect(destructive.map((tool) => tool.name)).toEqual(
      expect.arrayContaining([
        'container_delete',
        'container_kill',
        'container_prune',
        'container_restart',
        'container_stop',
        'put_container_archive',
      ]),
    );
    for (const tool of destructive) expect(tool.preview, tool.name).toBeTypeOf('function');
  });

  it('gives every destructive tool, and every one that can reach into another container, a confirm argument under the default --confirm', () => {
    const guarded = withConfirmation(TOOLS, DEFAULT_CONFIG).filter(
      (tool) => 'confirm' in tool.input.shape,
    );
    expect(guarded.map((tool) => tool.name).sort()).toEqual(
      TOOLS.filter(
        (tool) => riskOf(tool.effects) === 'destructive' || tool.effects.reaches !== undefined,
      )
        .map((tool) => tool.name)
        .sort(),
    );
    expect(
      TOOLS.filter((tool) => tool.effects.reaches)
        .map((tool) => tool.name)
        .sort(),
    ).toEqual(['container_create', 'container_restart', 'container_start']);
  });

  it('has unique names', () => {
    expect(new Set(TOOLS.map((tool) => tool.name)).size).toBe(TOOLS.length);
  });
});

describe('engine state errors become next steps', () => {
  const hintFor = (code: EngineError['code'], message: string) =>
    describeEngineError(new EngineError(code, message, { status: 409 })).split('\n')[1];

  it.each([
    [
      'conflict',
      'Cannot kill container: web: Container abc is not running',
      /already stopped: there is nothing to signal/,
    ],
    ['conflict', 'Container abc is not running', /start it first/],
    [
      'conflict',
      'You cannot remove a paused container abc. Unpause and then stop the container before attempting removal or force remove',
      /paused: unpause it .* or pass force: true/,
    ],
    [
      'conflict',
      'You cannot remove a running container abc. Stop the container before attempting removal or force remove',
      /running: stop it first .* or pass force: true/,
    ],
    ['conflict', 'cannot start a paused container, try unpause instead', /container_unpause/],
    ['bad_request', 'Minimum memory limit allowed is 6MB', /at least 6 MiB/],
    [
      'conflict',
      'Cannot update container abc: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time',
      /MemorySwap in the same call/,
    ],
    ['engine', "Couldn't find PID field in ps output", /PID column/],
    ['not_found', 'No such image: nope:1', /must exist locally .* image_pull fetches it/],
  ] as const)('%s: %s', (code, message, hint) => {
    expect(hintFor(code, message)).toMatch(new RegExp(`^Next: .*${hint.source}`));
  });
});
