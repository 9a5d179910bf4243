/**
 * Policy flags: which tools exist (--read-only, --no-destructive, --tools, --deny-tools),
 * which containers (--scope-label), what create may ask of the host (--allow-privileged,
 * --allow-bind), and redaction (--no-redact). Tool names are checked once all flags are in.
 */
import { DEFAULT_CONFIG, UsageError, type PolicyConfig } from '../config.js';
import { hostPathForm } from '../containers/host-paths.js';
import type { Tool } from '../mcp/define.js';
import { commaList, list, str, type Flag } from './flag-values.js';
import { HostPathError, resolveHostPath } from '../safety/policy/host-path.js';
import { parseImagePattern } from '../containers/image-allow.js';
import { parseScopeLabel } from '../safety/policy/scope.js';
import { droppedTools, toolPolicyProblems } from '../safety/policy/tool-filter.js';
import { TOOLS, TOOLSETS } from '../tools/index.js';
import { didYouMean } from '../render/suggest.js';

const GROUP = 'Policy';

/** What --no-destructive drops, from the effects each tool declares: "stop, restart, ...". */
function noDestructiveDrops(): string {
  const policy = { ...DEFAULT_CONFIG.policy, noDestructive: true };
  return droppedTools(TOOLS, policy)
    .map((name) => name.replace(/^container_/, ''))
    .join(', ');
}

export const POLICY_FLAGS: Flag[] = [
  {
    name: 'read-only',
    env: 'CONTAINER_MCP_READ_ONLY',
    type: 'boolean',
    group: GROUP,
    help: 'Offer only tools that change nothing (list, inspect, logs, stats, files, ...)',
    apply: (config) => (config.policy.readOnly = true),
  },
  {
    name: 'no-destructive',
    env: 'CONTAINER_MCP_NO_DESTRUCTIVE',
    type: 'boolean',
    group: GROUP,
    help: `Leave out tools that destroy or run code (${noDestructiveDrops()}), and such arguments of others (attach's input)`,
    apply: (config) => (config.policy.noDestructive = true),
  },
  {
    name: 'tools',
    type: 'string',
    multiple: true,
    value: 'A,B',
    group: GROUP,
    help: 'Offer only these tools (comma-separated)',
    apply: (config, value) =>
      (config.policy.tools = [...(config.policy.tools ?? []), ...commaList(value)]),
  },
  {
    name: 'toolsets',
    type: 'string',
    multiple: true,
    value: 'A,B',
    group: GROUP,
    help: `Offer only the tools of these sets (${Object.keys(TOOLSETS).join(', ')}), as the other flags leave them`,
    apply: (config, value) =>
      (config.policy.toolsets = [
        ...(config.policy.toolsets ?? []),
        ...toolsetTools(commaList(value)),
      ]),
  },
  {
    name: 'deny-tools',
    type: 'string',
    multiple: true,
    value: 'A,B',
    group: GROUP,
    help: 'Never offer these tools (comma-separated)',
    apply: (config, value) => config.policy.denyTools.push(...commaList(value)),
  },
  {
    name: 'scope-label',
    env: 'CONTAINER_MCP_SCOPE_LABEL',
    type: 'string',
    value: 'KEY=VALUE',
    group: GROUP,
    help: 'Only containers with this label exist for this server; containers it creates get it',
    apply: (config, value) => {
      const scope = parseScopeLabel(str(value));
      if (typeof scope === 'string') throw new UsageError(scope);
      config.policy.scopeLabel = scope;
    },
  },
  {
    name: 'allow-privileged',
    type: 'boolean',
    group: GROUP,
    help: 'Let container_create and container_update ask for settings that reach the host: privileged mode, host namespaces, devices, capabilities, loosened confinement, ... (README, Policy)',
    apply: (config) => (config.policy.allowPrivileged = true),
  },
  {
    name: 'allow-bind',
    env: 'CONTAINER_MCP_ALLOW_BIND',
    type: 'string',
    multiple: true,
    value: 'PATH',
    group: GROUP,
    help: 'A host directory (and everything below it) that created containers may bind-mount',
    apply: (config, value) => config.policy.allowBinds.push(...list(value).map(bindRoot)),
  },
  {
    name: 'allow-image',
    type: 'string',
    multiple: true,
    value: 'PATTERN',
    group: GROUP,
    help: 'Only images matching this pattern may be pulled or run (docker.io/library/*, ghcr.io/acme/app:1.*, 127.0.0.1:5000/*, sha256:<digest>); default: any',
    apply: (config, value) => config.policy.allowImages.push(...list(value).map(imagePattern)),
  },
  {
    name: 'no-redact',
    type: 'boolean',
    group: GROUP,
    help: 'Show secret-looking environment values and URL passwords instead of ***',
    apply: (config) => (config.policy.redact = false),
  },
];

/**
 * A root in either form (/srv/data, C:\data): the engine, not this machine, reads it. It is
 * resolved as every bind source is, so a root that means something else for another process
 * (/proc/self/cwd: this server's working directory here, the engine's there) is refused.
 */
function bindRoot(value: string): string {
  if (hostPathForm(value) === undefined)
    throw new UsageError(
      `--allow-bind "${value}" must be an absolute host path, e.g. /srv/data (or C:\\data for an engine on Windows)`,
    );
  try {
    return resolveHostPath(value);
  } catch (error) {
    if (!(error instanceof HostPathError)) throw error;
    throw new UsageError(
      `--allow-bind "${value}" ${error.message}; give the directory's real path, e.g. /srv/data`,
    );
  }
}

/** The tools of the named sets; an unknown set stops the server with the known ones. */
function toolsetTools(names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const set = TOOLSETS[name];
    if (!set)
      throw new UsageError(
        `--toolsets: "${name}" is not a tool set${didYouMean(name, Object.keys(TOOLSETS))}; the sets: ${Object.keys(TOOLSETS).join(', ')}`,
      );
    return set.map((tool) => tool.name);
  });
}

/** A pattern as given, once it is known to parse (the policy parses it again where it applies). */
function imagePattern(value: string): string {
  const parsed = parseImagePattern(value);
  if (typeof parsed === 'string') throw new UsageError(parsed);
  return value;
}

/** Checks that need every flag and the tool table: unknown or contradictory tool names. */
export function finishPolicyConfig(
  policy: PolicyConfig,
  tools: readonly Pick<Tool, 'name' | 'effects'>[],
): void {
  const problems = toolPolicyProblems(policy, tools);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}
