/**
 * --audit-log FILE: one JSON line per call of a state-changing (or guarded) tool, appended
 * once the call is over: when, which session, which tool with which arguments (redacted),
 * how it was confirmed, and how it ended. Never stdout: stdout carries only the protocol.
 */
import { appendFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ToolAnswer } from '../mcp/define.js';
import type { ToolCall, ToolMiddleware } from '../mcp/middleware.js';
import { withoutConfirm } from './confirm/canonical.js';
import { callEffects } from '../mcp/effects.js';
import { guardOf } from './confirm/mode.js';
import { pathOf, type ConfirmationPath } from './confirm/path.js';
import { redactArgs } from './redact-args.js';

/** The call does (or may do) more than read. */
function changesAnything(call: ToolCall): boolean {
  const { sure, maybe } = callEffects(call.tool.effects, call.input);
  return sure.size > 0 || maybe.size > 0;
}

export interface AuditEntry {
  time: string;
  session: string | null;
  tool: string;
  arguments: unknown;
  confirmation: ConfirmationPath;
  outcome: 'ok' | 'error';
  message: string;
}

const MAX_MESSAGE = 500;

export function audit(config: Config, log: Logger): ToolMiddleware {
  const file = config.auditLog;
  if (file === undefined) return (_call, next) => next();
  const record = async (call: ToolCall, outcome: AuditEntry['outcome'], message: string) => {
    const entry: AuditEntry = {
      time: new Date().toISOString(),
      session: call.ctx.sessionId ?? null,
      tool: call.tool.name,
      arguments: redactArgs(withoutConfirm(call.rawArguments)),
      confirmation: pathOf(call),
      outcome,
      message: message.slice(0, MAX_MESSAGE),
    };
    try {
      await appendFile(file, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      log.error(`audit log ${file} not written`, error);
    }
  };
  return async (call, next) => {
    if (!changesAnything(call) && guardOf(config.confirm.mode, call.tool, call.input) === 'no')
      return next();
    let answer: ToolAnswer;
    try {
      answer = await next();
    } catch (error) {
      await record(call, 'error', error instanceof Error ? error.message : String(error));
      throw error;
    }
    await record(call, answer.isError ? 'error' : 'ok', answer.text.split('\n')[0] ?? '');
    return answer;
  };
}
