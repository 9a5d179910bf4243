/**
 * Cold start: spawning the server until its tools/list answer arrives, as an MCP host does
 * when a session opens, against spawning Node itself with an empty script (the floor no
 * Node server can go below on this machine); and the two protocol eras against each other:
 * a 2026-07-28 client (server/discover on the one process, as Claude Code opens) against
 * the 2025 handshake (initialize), by the 1.x client as 2025 clients are, and by the v2
 * client in each era (the same client code on both sides: only the server's era differs).
 */
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { Figure } from '../lib/figure.js';
import { CLI, startServer } from '../lib/server.js';
import { interleave, timingRow } from '../lib/stats.js';
import type { Era } from '../../test/helpers/clients.js';

function emptyNode(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`node exited ${code}`)),
    );
  });
}

const toToolsList = (era: Era) => async () => {
  const server = await startServer([], era);
  try {
    await server.client.listTools();
  } finally {
    await server.close();
  }
};

/** The probe on the one connection, as Claude Code opens (test/helpers/clients.ts). */
class OneProcessStdio extends StdioClientTransport {}

/** The v2 client, pinned to 2026-07-28 or in its plain 2025 mode (initialize). */
const v2ToToolsList = (mode: 'legacy' | { pin: string }) => async () => {
  const client = new Client({ name: 'bench', version: '0' }, { versionNegotiation: { mode } });
  await client.connect(
    new OneProcessStdio({
      command: process.execPath,
      args: [CLI, '--log-level', 'error'],
      env: process.env as Record<string, string>,
      stderr: 'ignore',
    }),
  );
  try {
    await client.listTools();
  } finally {
    await client.close();
  }
};

export const figure: Figure = {
  name: 'cold-start',
  title: 'spawn to the tools/list answer vs spawning `node -e ""`; 2026-07-28 vs 2025 connect',
  async run() {
    const times = await interleave({
      warmup: 2,
      reps: 21,
      subject: toToolsList('modern'),
      baseline: emptyNode,
    });
    const baselineLabel = 'node -e "" (Node start and exit)';
    const eras = await interleave({
      warmup: 2,
      reps: 21,
      subject: toToolsList('modern'),
      baseline: toToolsList('legacy'),
    });
    const sameClient = await interleave({
      warmup: 2,
      reps: 21,
      subject: v2ToToolsList({ pin: '2026-07-28' }),
      baseline: v2ToToolsList('legacy'),
    });
    return [
      timingRow(times, 50, {
        metric: 'spawn to tools/list (2026-07-28), median',
        baselineLabel,
        target: { ratioAtMost: 2 },
      }),
      timingRow(times, 90, { metric: 'spawn to tools/list (2026-07-28), p90', baselineLabel }),
      timingRow(eras, 50, {
        metric: 'spawn, connect and tools/list: 2026-07-28, median',
        baselineLabel: 'the same with the 2025 handshake (initialize)',
        target: { ratioAtMost: 1 },
        note: 'the modern connect must not be slower',
      }),
      timingRow(sameClient, 50, {
        metric: 'the same, both by the v2 client, median',
        baselineLabel: 'the v2 client in its 2025 mode (initialize)',
        target: { ratioAtMost: 1 },
        note: "the server's era alone",
      }),
    ];
  },
};
