/**
 * --audit-log FILE: one JSON line per call of a state-changing (or guarded) tool, appended
 * once the call is over: when, which session, which tool, on which engine (when there are
 * several), what it does (its effects, from the declaration and the arguments given), the
 * container it resolved to, the arguments (redacted by the one redaction, never cut
 * silently), how it was confirmed, and how it ended ('asked': the round asked the person and
 * changed nothing; the repeated call has its own line). Always redacted, even with
 * --no-redact: the file outlives the session. Never stdout: stdout carries only the protocol.
 */
import { appendFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ToolAnswer } from '../mcp/define.js';
import {
  toolInput,
  type ConfirmationPath,
  type ToolCall,
  type ToolMiddleware,
} from '../mcp/middleware.js';
import { withoutConfirm } from './confirm/canonical.js';
import { callEffects, EFFECTS, REACH_EFFECTS, type Effect } from '../mcp/effects.js';
import { boundForLog, boundString, type CutString } from './audit-bound.js';
import { guardOf } from './confirm/mode.js';
import { reachedOf } from './policy/reach-middleware.js';
import { redactString, redactValue } from './redact.js';

/** The call does (or may do) more than read. */
function changesAnything(call: ToolCall): boolean {
  const { sure, maybe } = callEffects(call.tool.effects, call.args);
  return sure.size > 0 || maybe.size > 0;
}

export interface AuditEntry {
  time: string;
  session: string | null;
  tool: string;
  /** The engine's name, when the server has several. */
  engine?: string;
  /** What the call does: the tool's own effects and those its arguments add. */
  effects: Effect[];
  /** The full id of the container the call resolved to, when it acts on one. */
  container?: string;
  /** The full ids of the other containers it reaches into (joins, or writes the volumes of). */
  reaches?: string[];
  arguments: unknown;
  confirmation: ConfirmationPath;
  outcome: 'ok' | 'error' | 'asked';
  message: string | CutString;
}

export function audit(config: Config, log: Logger): ToolMiddleware {
  const file = config.auditLog;
  if (file === undefined) return (_call, next) => next();
  const record = async (call: ToolCall, outcome: AuditEntry['outcome'], message: string) => {
    const { sure } = callEffects(call.tool.effects, call.args);
    const reached = reachedOf(call).map((c) => c.id);
    if (reached.length > 0) for (const effect of REACH_EFFECTS) sure.add(effect);
    const target = call.ctx.target?.id;
    const entry: AuditEntry = {
      time: new Date().toISOString(),
      session: call.client.sessionId ?? null,
      tool: call.tool.name,
      ...(call.ctx.engines?.several && { engine: call.ctx.engine.name }),
      effects: EFFECTS.filter((effect) => sure.has(effect)),
      ...(target !== undefined && { container: target }),
      ...(reached.length > 0 && { reaches: reached }),
      arguments: boundForLog(redactValue(withoutConfirm(call.rawArguments))),
      confirmation: call.confirmation,
      outcome,
      message: boundString(redactString(message)),
    };
    try {
      await appendFile(file, `${oneLine(JSON.stringify(entry))}\n`);
    } catch (error) {
      log.error(`audit log ${file} not written`, error);
    }
  };
  return async (call, next) => {
    if (!changesAnything(call) && guardOf(config.confirm.mode, call.tool, toolInput(call)) === 'no')
      return next();
    let answer: ToolAnswer;
    try {
      answer = await next();
    } catch (error) {
      await record(call, 'error', error instanceof Error ? error.message : String(error));
      throw error;
    }
    const outcome = answer.ask ? 'asked' : answer.isError ? 'error' : 'ok';
    await record(call, outcome, answer.text.split('\n')[0] ?? '');
    return answer;
  };
}

/** JSON leaves U+2028 and U+2029 raw, and some readers break lines there: escape them too. */
function oneLine(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
