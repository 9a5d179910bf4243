/**
 * The one wrapper every tool call goes through: validate, build the context, run the
 * middlewares (policy, confirmation, ...) and the tool, map errors, bound the answer.
 */
import {
  inputRequired,
  type CallToolResult,
  type InputRequiredResult,
} from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import { brokenAnswer, type EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import { boundText, quote } from '../render/bound.js';
import { didYouMean } from '../render/suggest.js';
import type { Tool, ToolAnswer, ToolContext } from './define.js';
import { changeNote, describeEngineError } from './errors.js';
import { compose, toolInput, type ToolCall, type ToolMiddleware } from './middleware.js';
import type { CallRequest } from './request.js';
import { formatInputError, problemList, prototypeKeys } from './validation.js';
import { startDeadline } from '../engine/deadline.js';

/** A tools/call answer: the tool's result, or a round that asks the person first. */
type CallAnswer = CallToolResult | InputRequiredResult;

export interface ToolHost {
  tools: ReadonlyMap<string, Tool>;
  engines: EngineRegistry;
  config: Config;
  log: Logger;
  middlewares: readonly ToolMiddleware[];
  /** Check structured output against the output schema (tests turn this on). */
  checkOutput?: boolean;
}

/** A tools/call whose JSON types the server has checked (malformedCall, and the SDK's own). */
export async function callTool(
  host: ToolHost,
  name: string,
  args: Record<string, unknown> | undefined,
  request: CallRequest,
): Promise<CallAnswer> {
  const tool = host.tools.get(name);
  if (!tool) {
    return errorResult(
      `Unknown tool ${quote(name)}${didYouMean(name, host.tools.keys())}. tools/list shows the available tools.`,
    );
  }
  const given = args ?? {};
  const prototypeProblems = prototypeKeys(given);
  if (prototypeProblems.length > 0) return errorResult(problemList(name, prototypeProblems));
  const rawArguments = withoutClientFields(given);
  const parsed = tool.input.safeParse(rawArguments);
  if (!parsed.success)
    return errorResult(formatInputError(name, parsed.error, tool.input, rawArguments));

  const boundMs = tool.deadline?.ms(parsed.data);
  const deadline = boundMs === undefined ? undefined : startDeadline(boundMs);
  const bound = deadline?.signal;
  const call: ToolCall = {
    tool,
    args: parsed.data,
    rawArguments,
    amended: {},
    client: request.client,
    round: request.round,
    confirmation: 'none',
    ctx: contextFor(host, request, bound, boundMs),
  };
  try {
    const answer = await compose(host.middlewares, call);
    return toResult(host, tool, answer);
  } catch (error) {
    const { engine } = call.ctx;
    if (bound?.aborted && !request.signal.aborted && tool.deadline && boundMs !== undefined) {
      host.log.debug(`${name}: past its bound of ${boundMs} ms`, error);
      const own = tool.deadline.timedOut?.(toolInput(call), call.ctx);
      if (own) return toResult(host, tool, own);
      return errorResult(
        `${name} did not finish within ${boundMs / 1000} s (its bound, set by ${tool.deadline.argument}): the engine at ${engine.displayAddress} did not answer in time, so its requests were aborted.\n${changeNote(tool.effects, call.args)}\nNext: check that the engine answers (docker info), then call again.`,
      );
    }
    const engineError = brokenAnswer(error, {
      address: engine.displayAddress,
      idleMs: engine.idleTimeoutMs,
    });
    if (engineError) {
      host.log.debug(`${name}: ${engineError.message}`, error);
      return errorResult(
        describeEngineError(engineError, [], { effects: tool.effects, args: call.args }),
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    // One line at error level; the stack only for those who ask for it.
    host.log.error(`${name} failed: ${message}`);
    host.log.debug(`${name} failed`, error);
    return errorResult(`${name} failed: ${message}`);
  } finally {
    deadline?.clear(); // a wait answered early lets its bound go at once
  }
}

function contextFor(
  host: ToolHost,
  request: CallRequest,
  bound: AbortSignal | undefined,
  boundMs: number | undefined,
): ToolContext {
  const send = request.progress;
  let last = -Infinity;
  return {
    engine: host.engines.default,
    engines: host.engines,
    signal: bound ? AbortSignal.any([request.signal, bound]) : request.signal,
    ...(boundMs !== undefined && { deadline: Date.now() + boundMs }),
    config: host.config,
    log: host.log,
    async progress(progress, total, message) {
      if (send === undefined || progress <= last) return; // progress must increase
      last = progress;
      try {
        await send(progress, total, message);
      } catch (error) {
        host.log.debug('progress notification not delivered', error);
      }
    },
  };
}

function toResult(host: ToolHost, tool: Tool, answer: ToolAnswer): CallAnswer {
  if (answer.ask) {
    const { message, form, state } = answer.ask;
    return inputRequired({
      inputRequests: { confirm: inputRequired.elicit({ message, requestedSchema: form }) },
      requestState: state,
    });
  }
  const content: CallToolResult['content'] = [
    { type: 'text', text: boundText(answer.text, answer.maxChars) },
    ...(answer.content ?? []),
  ];
  if (answer.isError)
    return {
      content,
      isError: true,
      // A refusal can carry data too (the confirmation's token and preview).
      ...(answer.data !== undefined && {
        structuredContent: answer.data as Record<string, unknown>,
      }),
    };
  if (!tool.output) return { content };
  if (answer.data === undefined) {
    host.log.error(
      `${tool.name} returned no structured content although it declares an output schema`,
    );
    return errorResult(
      `${tool.name} failed: it produced no structured result (a bug; please report it)`,
    );
  }
  if (host.checkOutput) {
    const checked = tool.output.safeParse(answer.data);
    if (!checked.success) {
      host.log.error(`${tool.name} output does not match its schema`, checked.error.issues);
      return errorResult(
        `${tool.name} failed: its result does not match its output schema: ${checked.error.message}`,
      );
    }
  }
  return { content, structuredContent: answer.data as Record<string, unknown> };
}

/**
 * A tools/call whose name is not a string or whose arguments are not an object, answered in
 * words like any other bad call (the SDK's own check would answer with its validator's dump).
 */
export function malformedCall(name: unknown, args: unknown): CallToolResult | undefined {
  if (typeof name !== 'string')
    return errorResult(
      `tools/call needs params.name, a tool name (a string), not ${kindOf(name)}. tools/list shows the available tools.`,
    );
  if (args !== undefined && args !== null && !isRecord(args))
    return errorResult(
      `Invalid arguments for ${name}: arguments must be a JSON object such as {"id": "web"}, not ${kindOf(args)}. The tool's input schema lists every field.`,
    );
  return undefined;
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text: boundText(text) }], isError: true };
}

/** "an array", "a number": what a value is, for a message (never the value itself). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Arguments some clients add to every tool on their own, which no tool takes: accepted and
 * dropped here, once for all tools, so that strict schemas do not refuse the call.
 * Gemini CLI adds `wait_for_previous` (whether to wait for the calls before it) to every
 * tool's schema and forwards it; it is about the client's scheduling, not the call.
 */
const CLIENT_FIELDS = ['wait_for_previous'] as const;

function withoutClientFields(args: Record<string, unknown>): Record<string, unknown> {
  if (!CLIENT_FIELDS.some((field) => field in args)) return args;
  const kept = { ...args };
  for (const field of CLIENT_FIELDS) delete kept[field];
  return kept;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
