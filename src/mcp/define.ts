/**
 * A tool is one declarative entry: name, description, zod input, optional output schema,
 * its effects (./effects.ts), from which the annotations and every policy follow, and `run`.
 * Validation, policy, confirmation, error mapping and bounding happen once, in the wrapper
 * (./call.ts), for every tool: a tool's `run` holds no try/catch.
 */
import type { ContentBlock, ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { ContainerInspect, Engine, EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import { riskOf, type Effect, type Effects, type Risk } from './effects.js';

export interface ToolContext {
  /** The engine this call runs on: the default, or the one its `engine` argument names. */
  engine: Engine;
  /** Every engine the server talks to (container_list with engine: "*" uses them all). */
  engines?: EngineRegistry;
  /**
   * Fires when the client cancels the call (or the session ends), or when the tool's own
   * deadline passes. Pass it to the engine.
   */
  signal: AbortSignal;
  /** When the tool's own bound (its `deadline`) ends, in Date.now() ms; none without one. */
  deadline?: number;
  config: Config;
  log: Logger;
  /** Report progress when the client asked for it (a progressToken); a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * The container this call acts on (a tool whose effects say `targets: {one}`), looked up
   * once, through the scope, before anything else touches it. The tool's input then holds
   * its full id (mcp/middleware.ts, toolInput), so every later engine request of the call
   * (preview, re-check, the action, the state afterwards) reaches this container, whatever
   * names change meanwhile.
   */
  target?: ResolvedTarget;
}

/** A call's target container, resolved once (src/safety/target-resolution.ts). */
export interface ResolvedTarget {
  /** The reference the caller gave (a name, an id or an id prefix): answers echo it. */
  given: string;
  /** The full id the tool's input holds. */
  id: string;
  /** The engine's inspect document from that lookup. */
  container: ContainerInspect;
}

export interface ToolAnswer<Data = unknown> {
  /** Compact readable text: what most clients show the model. */
  text: string;
  /** Structured content, required when the tool declares an output schema. */
  data?: Data;
  /** More content after the text: resource links, embedded resources. */
  content?: ContentBlock[];
  /** A domain failure the tool reports itself (not an exception). */
  isError?: boolean;
  /**
   * The tool bounded this text itself to a size the caller asked for (logs' max_bytes): the
   * wrapper's ceiling becomes this instead of MAX_RESULT_CHARS.
   */
  maxChars?: number;
  /**
   * The call waits for the person (the confirmation layer): the client shows them `message`
   * as a form and repeats the call with their answer and `state` (a multi round-trip
   * request). Nothing was done.
   */
  ask?: PersonAsked;
}

export interface PersonAsked {
  message: string;
  /** The form: a flat object of primitive fields, as elicitation allows. */
  form: {
    type: 'object';
    properties: Record<string, { type: 'boolean'; title?: string; description?: string }>;
    required?: string[];
  };
  /** Signed by the server; the client echoes it with the answer. */
  state: string;
}

/** What a destructive call would do, computed from the engine, for the confirmation layer. */
export interface Preview {
  /** Human-readable: which containers, files or volumes, and what will happen to them. */
  summary: string;
  /**
   * The engine state the confirmation is bound to (ids, names, states, the list prune would
   * remove). If it differs when the confirmed call arrives, the confirmation is refused.
   */
  state: unknown;
  /**
   * Which of the tool's `mayAlso` effects this call has, now that the engine was asked (an
   * archive put of new files only destroys nothing: []). All of them when absent.
   */
  effects?: readonly Effect[];
}

type Shape = z.ZodObject;
type DataOf<O> = O extends z.ZodType ? z.output<O> : unknown;

export interface ToolSpec<I extends Shape, O extends Shape | undefined> {
  name: string;
  title: string;
  /** Written for a model: what it does, when to use it, what comes back. */
  description: string;
  input: I;
  output?: O;
  /** What it can do, and to which containers: every policy reads this. */
  effects: Effects;
  /** Calling it again with the same arguments changes nothing more (default: it only reads). */
  idempotent?: boolean;
  run: (input: z.output<I>, ctx: ToolContext) => Promise<ToolAnswer<DataOf<O>>>;
  preview?: (input: z.output<I>, ctx: ToolContext) => Promise<Preview>;
  /**
   * The whole call, every engine request of it included (lookups, policy checks), ends
   * within this bound, set by one of its arguments: past it, the requests are aborted and the
   * answer says so. The tool's run sees it as ctx.deadline to budget its own steps.
   * `timedOut` is the tool's own answer when the bound passed before its run could give one
   * (the engine stalled on the call's lookup).
   */
  deadline?: {
    argument: string;
    ms: (input: z.output<I>) => number;
    timedOut?: (input: z.output<I>, ctx: ToolContext) => ToolAnswer<DataOf<O>>;
  };
  /**
   * With several engines, `engine: "*"` runs this on every one at once; its answer has its
   * own output schema (which the tool then advertises).
   */
  acrossEngines?: {
    output: Shape;
    run: (input: z.output<I>, ctx: ToolContext) => Promise<ToolAnswer>;
  };
}

/** A tool with its types erased, as the table holds it. */
export interface Tool {
  name: string;
  title: string;
  description: string;
  input: Shape;
  /** An object schema; the confirmation layer widens it to also allow its own answer. */
  output: z.ZodType | undefined;
  effects: Effects;
  annotations: ToolAnnotations;
  run: (input: unknown, ctx: ToolContext) => Promise<ToolAnswer>;
  preview: ((input: unknown, ctx: ToolContext) => Promise<Preview>) | undefined;
  deadline:
    | {
        argument: string;
        ms: (input: unknown) => number;
        timedOut?: (input: unknown, ctx: ToolContext) => ToolAnswer;
      }
    | undefined;
  acrossEngines:
    { output: Shape; run: (input: unknown, ctx: ToolContext) => Promise<ToolAnswer> } | undefined;
}

export function defineTool<I extends Shape, O extends Shape | undefined = undefined>(
  spec: ToolSpec<I, O>,
): Tool {
  if (spec.effects.always.includes('host-settings') !== (spec.effects.settings !== undefined))
    throw new Error(`${spec.name}: 'host-settings' and effects.settings go together`);
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: spec.input,
    output: spec.output,
    effects: spec.effects,
    annotations: annotationsFor(spec.title, riskOf(spec.effects), spec.idempotent),
    run: spec.run as Tool['run'],
    preview: spec.preview as Tool['preview'],
    deadline: spec.deadline as Tool['deadline'],
    acrossEngines: spec.acrossEngines as Tool['acrossEngines'],
  };
}

/**
 * All four hints, always: the spec's defaults (destructive, not idempotent, open world) are
 * the wrong ones for most of these tools. The engine is a closed world: the user's own
 * containers, no outside services.
 */
export function annotationsFor(title: string, risk: Risk, idempotent?: boolean): ToolAnnotations {
  return {
    title,
    readOnlyHint: risk === 'read',
    destructiveHint: risk === 'destructive',
    idempotentHint: idempotent ?? risk === 'read',
    openWorldHint: false,
  };
}
