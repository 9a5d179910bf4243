/**
 * Which tools this server offers: --read-only keeps reads, --no-destructive drops destructive
 * tools, --tools keeps only the named ones, --deny-tools drops the named ones. A dropped tool
 * is not registered at all, so a model never sees it in tools/list and a call to it is an
 * unknown tool. Container files (resources) are reads: they stay in every mode.
 */
import type { PolicyConfig } from '../../config.js';
import { didYouMean } from '../../render/suggest.js';

interface Named {
  name: string;
  risk: 'read' | 'write' | 'destructive';
}

type ToolPolicy = Pick<PolicyConfig, 'readOnly' | 'noDestructive' | 'tools' | 'denyTools'>;

/** Why the risk filters drop a tool, or undefined when they keep it. */
function droppedBy(tool: Named, policy: ToolPolicy): string | undefined {
  if (policy.readOnly && tool.risk !== 'read')
    return `is a ${tool.risk} tool, which --read-only drops`;
  if (policy.noDestructive && tool.risk === 'destructive')
    return 'is destructive, which --no-destructive drops';
  return undefined;
}

/** The tools transformation applied when the server is built: (tools, config) => tools. */
export function applyToolPolicy<T extends Named>(
  tools: readonly T[],
  config: { policy: ToolPolicy },
): T[] {
  const { policy } = config;
  const allowed = policy.tools && new Set(policy.tools);
  const denied = new Set(policy.denyTools);
  return tools.filter(
    (tool) =>
      droppedBy(tool, policy) === undefined &&
      (allowed === undefined || allowed.has(tool.name)) &&
      !denied.has(tool.name),
  );
}

/**
 * Mistakes in --tools / --deny-tools, checked at start-up: an unknown name (with the nearest
 * real one), a name both allowed and denied, or an allowed tool another flag drops anyway.
 */
export function toolPolicyProblems(policy: ToolPolicy, tools: readonly Named[]): string[] {
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
  for (const name of policy.tools ?? []) {
    const tool = byName.get(name);
    if (!tool) continue;
    if (denied.has(name)) problems.push(`--tools and --deny-tools both name "${name}": pick one`);
    const reason = droppedBy(tool, policy);
    if (reason) problems.push(`--tools names "${name}", but it ${reason}`);
  }
  return problems;
}
