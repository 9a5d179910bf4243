/**
 * Which tools this server offers, from what each declares it does: --read-only keeps what
 * only reads, --no-destructive leaves out what can destroy or run code, running with the
 * host's privileges needs --allow-privileged, --tools keeps only the named ones, --toolsets
 * only those of the named sets, --deny-tools drops the named ones. An argument whose effects the policy forbids (attach's input,
 * export's save_to, exec's privileged) is taken out of the tool's schema, a call that still
 * gives it is told why, and the tool stays for its other uses. A dropped tool is not registered at all: a model never sees it in
 * tools/list and a call to it is an unknown tool. Container files (resources) are reads:
 * they stay in every mode.
 */
import type { PolicyConfig } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import { EFFECTS, riskOf, type Effect, type Effects } from '../../mcp/effects.js';
import { withoutArguments } from '../../mcp/narrow.js';
import { didYouMean } from '../../render/suggest.js';

type ToolPolicy = Pick<
  PolicyConfig,
  'readOnly' | 'noDestructive' | 'allowPrivileged' | 'tools' | 'toolsets' | 'denyTools'
>;
type Offered = Pick<Tool, 'name' | 'effects'>;

/** What --no-destructive keeps out: losing data or processes, and code that could do either. */
const DESTRUCTIVE: readonly Effect[] = ['destroys', 'runs-code'];

/** Why an effect is not allowed: a flag that was given forbids it, or one not given would allow it. */
interface Forbidding {
  flag: string;
  given: boolean;
}

/** The effects the policy forbids, each with the flag that decides it. */
export function forbiddenEffects(policy: ToolPolicy): Map<Effect, Forbidding> {
  const forbidden = new Map<Effect, Forbidding>();
  if (!policy.allowPrivileged)
    forbidden.set('privileged', { flag: '--allow-privileged', given: false });
  const by = (flag: string): Forbidding => ({ flag, given: true });
  if (policy.noDestructive) for (const e of DESTRUCTIVE) forbidden.set(e, by('--no-destructive'));
  if (policy.readOnly) for (const e of EFFECTS) forbidden.set(e, by('--read-only'));
  return forbidden;
}

/** "which --no-destructive forbids", "which needs --allow-privileged". */
function rule({ flag, given }: Forbidding, verb: string): string {
  return given ? `which ${flag} ${verb}` : `which needs ${flag}`;
}

/** Why the policy drops a tool whatever its arguments, or undefined when some calls stay. */
function droppedBy(effects: Effects, forbidden: Map<Effect, Forbidding>): string | undefined {
  const blocking = [...effects.always, ...(effects.mayAlso ?? [])].find((e) => forbidden.has(e));
  if (blocking === undefined) return undefined;
  const by = forbidden.get(blocking) as Forbidding;
  if (by.flag === '--read-only') return `is a ${riskOf(effects)} tool, which --read-only drops`;
  return blocking === 'destroys'
    ? `is destructive, ${rule(by, 'drops')}`
    : `can ${describeEffect(blocking)}, ${rule(by, 'drops')}`;
}

/** Arguments whose effects the policy forbids, each with the reason a call that gives it reads. */
function forbiddenArguments(
  effects: Effects,
  forbidden: Map<Effect, Forbidding>,
): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const [name, added] of Object.entries(effects.byArgument ?? {})) {
    const blocking = added.find((e) => forbidden.has(e));
    if (blocking !== undefined)
      reasons[name] =
        `not offered by this server: it would ${describeEffect(blocking)}, ${rule(forbidden.get(blocking) as Forbidding, 'forbids')}; leave it out`;
  }
  return reasons;
}

/** The names of the tools this policy drops whatever their arguments (for --help). */
export function droppedTools(tools: readonly Offered[], policy: ToolPolicy): string[] {
  const forbidden = forbiddenEffects(policy);
  return tools.filter((tool) => droppedBy(tool.effects, forbidden)).map((tool) => tool.name);
}

/** The tools transformation applied when the server is built: (tools, config) => tools. */
export function applyToolPolicy(tools: readonly Tool[], config: { policy: ToolPolicy }): Tool[] {
  const { policy } = config;
  const allowed = policy.tools && new Set(policy.tools);
  const inSets = policy.toolsets && new Set(policy.toolsets);
  const denied = new Set(policy.denyTools);
  const forbidden = forbiddenEffects(policy);
  return tools
    .filter(
      (tool) =>
        droppedBy(tool.effects, forbidden) === undefined &&
        (allowed === undefined || allowed.has(tool.name)) &&
        (inSets === undefined || inSets.has(tool.name)) &&
        !denied.has(tool.name),
    )
    .map((tool) => narrowed(tool, forbiddenArguments(tool.effects, forbidden)));
}

const narrowedCache = new WeakMap<Tool, Map<string, Tool>>();

/**
 * The tool without the given arguments (name -> why it is left out); the same object for the
 * same arguments (schemas are cached per tool).
 */
function narrowed(tool: Tool, reasons: Record<string, string>): Tool {
  const names = Object.keys(reasons);
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
      input: withoutArguments(tool.input, reasons),
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

const EFFECT_WORDS: Record<Effect, string> = {
  'container-state': "change a container's state",
  'container-files': "write into a container's files",
  'host-settings': 'ask for settings that reach the host',
  'runs-code': 'run code in a container',
  privileged: 'run with every capability and device of the host, confinement off',
  'host-file': "write a file on the server's machine",
  destroys: 'destroy data or end processes',
  images: "change the engine's images",
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
