/**
 * The server a 2026-07-28 HTTP request gets: building it from the table prepared at start-up
 * (src/server/table.ts), with one engine and with two (the engine argument widens every
 * schema), against constructing the SDK's bare Server (the floor: no handlers at all). In
 * this process, from src/; no engine is called.
 */
import { performance } from 'node:perf_hooks';
import { Server } from '@modelcontextprotocol/server';
import { parseCommandLine } from '../../src/cli/parse.js';
import { createEngines } from '../../src/cli/engines.js';
import { EngineRegistry } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { buildServer } from '../../src/server/build.js';
import { prepareServer } from '../../src/server/table.js';
import type { Figure, Row } from '../lib/figure.js';
import { median } from '../lib/stats.js';

const BUILDS = 2_000;
const ROUNDS = 7;

/** Microseconds per call of `work`, median over interleaved rounds. */
function perCallUs(work: () => unknown): number[] {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < BUILDS; i++) work();
    rounds.push(((performance.now() - start) * 1000) / BUILDS);
  }
  return rounds;
}

function prepared(args: string[]) {
  const { config } = parseCommandLine(args, {});
  return prepareServer({
    config,
    engines: new EngineRegistry(createEngines(config)),
    log: silentLogger,
  });
}

export const figure: Figure = {
  name: 'build',
  title: 'building a server per request from the prepared table vs the SDK bare Server',
  run() {
    const socket = 'unix:///var/run/docker.sock';
    const one = prepared(['--host', socket]);
    const two = prepared([
      '--engine',
      `a=${socket}`,
      '--engine',
      `b=${socket}`,
      '--confirm',
      'container_list',
    ]);
    const bare = () => new Server({ name: 'x', version: '0' }, { capabilities: { tools: {} } });
    perCallUs(() => buildServer(one)); // warm up
    const floor: number[] = [];
    const oneEngine: number[] = [];
    const twoEngines: number[] = [];
    for (let i = 0; i < 3; i++) {
      floor.push(...perCallUs(bare));
      oneEngine.push(...perCallUs(() => buildServer(one)));
      twoEngines.push(...perCallUs(() => buildServer(two)));
    }
    const baselineLabel = 'new Server() with no handlers';
    const rows: Row[] = [
      {
        metric: 'per-request server, one engine',
        subject: median(oneEngine),
        baseline: median(floor),
        unit: 'µs',
        baselineLabel,
        target: { subjectAtMost: 1000 },
      },
      {
        metric: 'per-request server, two engines, --confirm container_list',
        subject: median(twoEngines),
        baseline: median(floor),
        unit: 'µs',
        baselineLabel,
        target: { subjectAtMost: 1000 },
      },
    ];
    return Promise.resolve(rows);
  },
};
