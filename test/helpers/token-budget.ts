/**
 * What the model reads of each usual answer on a busy engine (./busy-engine.ts), counted in
 * tokens (cl100k, a fair proxy for the models clients use): the text, which Gemini CLI and
 * others show, and JSON.stringify(structuredContent), which Claude Code, Codex and VS Code
 * show instead. The budget test holds the limits; `npm run bench -- tokens` prints the table.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { getEncoding } from 'js-tiktoken';
import { scopeArgs, type BusyEngine } from './busy-engine.js';
import { call, startServer } from './mcp.js';

const encoder = getEncoding('cl100k_base');

export function countTokens(text: string): number {
  return encoder.encode(text).length;
}

/** The text blocks of a result, as a text-only client hands them to the model. */
export function textForm(result: CallToolResult): string {
  return result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

/** The structured form as Claude Code hands it to the model; '' when there is none. */
export function structuredForm(result: CallToolResult): string {
  return result.structuredContent === undefined ? '' : JSON.stringify(result.structuredContent);
}

export interface Usual {
  /** What the row measures, e.g. "container_list all: true". */
  name: string;
  tool: string;
  args: Record<string, unknown>;
  /** The most tokens either form may take (the budget), when it sets one. */
  budget?: number;
}

/** The answers a model asks for most, with the budgets the issue sets. */
export function usualAnswers(busy: BusyEngine): Usual[] {
  const id = busy.logs.name;
  const running = busy.all[1]!.name;
  const other = busy.all[2]!.name;
  return [
    { name: 'container_list (running)', tool: 'container_list', args: {}, budget: 1000 },
    {
      name: 'container_list all: true (64)',
      tool: 'container_list',
      args: { all: true },
      budget: 2500,
    },
    {
      name: 'container_list all, label filter',
      tool: 'container_list',
      args: { all: true, filters: { label: ['com.example.tier=frontend'] } },
      budget: 1000,
    },
    { name: 'container_inspect', tool: 'container_inspect', args: { id: running }, budget: 1000 },
    { name: 'container_stats', tool: 'container_stats', args: { id: running }, budget: 1000 },
    { name: 'container_logs (default)', tool: 'container_logs', args: { id }, budget: 5000 },
    {
      // Matches on both streams: stderr lines are marked in both forms.
      name: 'container_logs grep',
      tool: 'container_logs',
      args: { id, grep: 'WARN|/items/1[0-9]+0 ' },
      budget: 5000,
    },
    {
      name: 'container_logs timestamps: true',
      tool: 'container_logs',
      args: { id, timestamps: true, tail: 50 },
    },
    {
      name: 'container_logs tail: 20',
      tool: 'container_logs',
      args: { id, tail: 20 },
    },
    { name: 'container_archive /bin', tool: 'container_archive', args: { id, path: '/bin' } },
    {
      name: 'container_archive a file',
      tool: 'container_archive',
      args: { id, path: '/tmp/app.conf' },
    },
    {
      name: 'container_attach (replay)',
      tool: 'container_attach',
      args: { id, logs: true, stream: false, max_bytes: 4096 },
    },
    {
      name: 'container_exec cat a file',
      tool: 'container_exec',
      args: { id, cmd: ['cat', '/tmp/app.conf'] },
      budget: 1000,
    },
    {
      name: 'container_exec ls -l /bin (default max_bytes)',
      tool: 'container_exec',
      args: { id, cmd: ['ls', '-l', '/bin'] },
      budget: 5000,
    },
    {
      name: 'container_kill (confirmation)',
      tool: 'container_kill',
      args: { id: other, signal: 'SIGUSR1' },
    },
  ];
}

export interface Measured {
  usual: Usual;
  result: CallToolResult;
  text: number;
  structured: number;
  isError: boolean;
}

/** Tokens of both forms of one answer. */
export function measure(usual: Usual, result: CallToolResult): Measured {
  return {
    usual,
    result,
    text: countTokens(textForm(result)),
    structured: countTokens(structuredForm(result)),
    isError: result.isError === true,
  };
}

/** Structured at most this times the text, for any answer over MIN_TOKENS. */
export const MAX_RATIO = 1.25;
export const MIN_TOKENS = 200;

/** Every way a measured answer breaks the budgets; empty when it keeps them. */
export function overBudget(row: Measured): string[] {
  const problems: string[] = [];
  const { text, structured, usual } = row;
  if (structured === 0) problems.push('has no structured form');
  if (Math.max(text, structured) > MIN_TOKENS && structured > text * MAX_RATIO)
    problems.push(`structured ${structured} > ${MAX_RATIO} x text ${text}`);
  if (usual.budget !== undefined && Math.max(text, structured) >= usual.budget)
    problems.push(
      `over the budget of ${usual.budget} tokens (text ${text}, structured ${structured})`,
    );
  return problems;
}

/**
 * Every usual answer, through one server that sees the busy engine only (its scope label)
 * and confirms destructive calls (the kill answers its confirmation).
 */
export async function measureAll(busy: BusyEngine): Promise<Measured[]> {
  const session = await startServer({ args: ['--confirm', 'destructive', ...scopeArgs()] });
  try {
    const rows: Measured[] = [];
    for (const usual of usualAnswers(busy))
      rows.push(measure(usual, await call(session, usual.tool, usual.args)));
    return rows;
  } finally {
    await session.close();
  }
}
