/**
 * Which tools this server offers, from what each declares it does: --read-only keeps what
 * only reads, --no-destructive leaves out what can destroy or run code, --tools keeps only
 * the named ones, --deny-tools drops the named ones. An argument whose effects a flag
 * forbids (attach's input, export's save_to) is taken out of the tool's schema, and the tool
 * stays for its other uses. A dropped tool is not registered at all: a model never sees it in
 * tools/list and a call to it is an unknown tool. Container files (resources) are reads:
 * they stay in every mode.
 */
import type { PolicyConfig } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import { EFFECTS, overlaps, riskOf, type Effect, type Effects } from '../../mcp/effects.js';
import { withoutArguments } from '../../mcp/narrow.js';
import { didYouMean } from '../../render/suggest.js';

type ToolPolicy = Pick<PolicyConfig, 'readOnly' | 'noDestructive' | 'tools' | 'denyTools'>;
type Offered = Pick<Tool, 'name' | 'effects'>;

/** What --no-destructive keeps out: losing data or processes, and code that could do either. */
const DESTRUCTIVE: readonly Effect[] = ['destroys', 'runs-code'];

/** The effects the policy's flags forbid, each with the flag that forbids it. */
export function forbiddenEffects(policy: ToolPolicy): Map<Effect, string> {
  const forbidden = new Map<Effect, string>();
  if (policy.noDestructive) for (const e of DESTRUCTIVE) forbidden.set(e, '--no-destructive');
  if (policy.readOnly) for (const e of EFFECTS) forbidden.set(e, '--read-only');
  return forbidden;
}

/** Why the policy drops a tool whatever its arguments, or undefined when some calls stay. */
function droppedBy(effects: Effects, forbidden: Map<Effect, string>): string | undefined {
  const blocking = [...effects.always, ...(effects.mayAlso ?? [])].find((e) => forbidden.has(e));
  if (blocking === undefined) return undefined;
  if (forbidden.get(blocking) === '--read-only')
    return `is a ${riskOf(effects)} tool, which --read-only drops`;
  return blocking === 'destroys'
    ? 'is destructive, which --no-destructive drops'
    : `can ${describeEffect(blocking)}, which --no-destructive drops`;
}

/** Arguments whose effects the policy forbids. */
function forbiddenArguments(effects: Effects, forbidden: Map<Effect, string>): string[] {
  const set = new Set(forbidden.keys());
  return Object.entries(effects.byArgument ?? {})
    .filter(([, added]) => overlaps(added, set))
    .map(([name]) => name);
}

/** The tools transformation applied when the server is built: (tools, config) => tools. */
export function applyToolPolicy(tools: readonly Tool[], config: { policy: ToolPolicy }): Tool[] {
  const { policy } = config;
  const allowed = policy.tools && new Set(policy.tools);
  const denied = new Set(policy.denyTools);
  const forbidden = forbiddenEffects(policy);
  return tools
    .filter(
      (tool) =>
        droppedBy(tool.effects, forbidden) === undefined &&
        (allowed === undefined || allowed.has(tool.name)) &&
        !denied.has(tool.name),
    )
    .map((tool) => narrowed(tool, forbiddenArguments(tool.effects, forbidden)));
}

const narrowedCache = new WeakMap<Tool, Map<string, Tool>>();

/** The tool without the given arguments; the same object for the same arguments (schemas are cached per tool). */
function narrowed(tool: Tool, names: string[]): Tool {
  if (names.length === 0) return tool;
  const key = names.join(',');
  let byKey = narrowedCache.get(tool);
  if (!byKey) narrowedCache.set(tool, (byKey = new Map<string, Tool>()));
  let result = byKey.get(key);
  if (!result) {
    const byArgument = Object.fromEntries(
      Object.entries(tool.effects.byArgument ?? {}).filter(([name]) => !names.includes(name)),
    );
    const effects = { ...tool.effects, byArgument };
    // What is left may only read now (export without save_to): the hints say so.
    const risk = riskOf(effects);
    result = {
      ...tool,
      input: withoutArguments(tool.input, names),
      effects,
      annotations: {
        ...tool.annotations,
        readOnlyHint: risk === 'read',
        destructiveHint: risk === 'destructive',
        idempotentHint: tool.annotations.idempotentHint === true || risk === 'read',
      },
    };
    byKey.set(key, result);
  }
  return result;
}

/** Why the policy refuses this call's effects, or undefined (a check at call time, behind the schema's). */
export function forbiddenCallEffect(
  sure: Iterable<Effect>,
  policy: ToolPolicy,
): string | undefined {
  const forbidden = forbiddenEffects(policy);
  for (const effect of sure) {
    const flag = forbidden.get(effect);
    if (flag) return `it would ${describeEffect(effect)}, which ${flag} forbids`;
  }
  return undefined;
}

const EFFECT_WORDS: Record<Effect, string> = {
  'container-state': "change a container's state",
  'container-files': "write into a container's files",
  'host-settings': 'ask for settings that reach the host',
  'runs-code': 'run code in a container',
  'host-file': "write a file on the server's machine",
  destroys: 'destroy data or end processes',
};

export function describeEffect(effect: Effect): string {
  return EFFECT_WORDS[effect];
}

/**
 * Mistakes in --tools / --deny-tools, checked at start-up: an unknown name (with the nearest
 * real one), a name both allowed and denied, or an allowed tool another flag drops anyway.
 */
export function toolPolicyProblems(policy: ToolPolicy, tools: readonly Offered[]): string[] {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const problems: string[] = [];
  for (const [flag, names] of [
    ['tools', policy.tools ?? []],
    ['deny-tools', policy.denyTools],
  ] as const) {
    for (const name of names) {
      if (!byName.has(name))
        problems.push(
          `--${flag}: "${name}" is not a tool${didYouMean(name, byName.keys())}; --help lists the flags, tools/list the tools`,
        );
    }
  }
  const denied = new Set(policy.denyTools);
  const forbidden = forbiddenEffects(policy);
  for (const name of policy.tools ?? []) {
    const tool = byName.get(name);
    if (!tool) continue;
    if (denied.has(name)) problems.push(`--tools and --deny-tools both name "${name}": pick one`);
    const reason = droppedBy(tool.effects, forbidden);
    if (reason) problems.push(`--tools names "${name}", but it ${reason}`);
  }
  return problems;
}
