/**
 * --check, the server's side: the policy in force as a person reads it (each line names the
 * flag that changes it), and the tools a client would be offered, with the ones that wait for
 * a confirmation marked. Derived from the same functions the server is built with.
 */
import type { Config } from '../config.js';
import { mayBeGuarded } from '../safety/confirm/mode.js';
import { applyToolPolicy } from '../safety/policy/index.js';
import { scopeFilter } from '../safety/policy/scope.js';
import { TOOLS } from '../tools/index.js';

export function policyLines(config: Config): string[] {
  const { policy } = config;
  const tools =
    policy.readOnly ||
    policy.noDestructive ||
    policy.tools ||
    policy.toolsets ||
    policy.denyTools.length > 0
      ? [
          policy.readOnly && 'read-only (--read-only)',
          policy.noDestructive && 'nothing destructive (--no-destructive)',
          policy.tools && `only ${policy.tools.join(', ')} (--tools)`,
          policy.toolsets &&
            `only the ${policy.toolsets.length} tools of the sets named (--toolsets)`,
          policy.denyTools.length > 0 && `never ${policy.denyTools.join(', ')} (--deny-tools)`,
        ]
          .filter(Boolean)
          .join('; ')
      : 'every tool (narrow with --read-only, --no-destructive, --tools, --toolsets, --deny-tools)';
  const binds =
    policy.allowBinds.length > 0
      ? `under ${policy.allowBinds.join(', ')} (--allow-bind)`
      : 'none (--allow-bind PATH allows a host folder)';
  return [
    `tools:         ${tools}`,
    `containers:    ${policy.scopeLabel ? `only those labelled ${scopeFilter(policy.scopeLabel)} (--scope-label)` : 'every container on the engine (--scope-label KEY=VALUE narrows)'}`,
    `images:        ${policy.allowImages.length > 0 ? `pull and run only ${policy.allowImages.join(', ')} (--allow-image)` : 'any image may be pulled and run (--allow-image PATTERN narrows)'}`,
    `create:        ${policy.allowPrivileged ? 'privileged settings allowed (--allow-privileged)' : 'no privileged mode, host namespaces, capabilities or devices'}; host bind mounts: ${binds}`,
    `host files:    ${config.exportDir ? `container_export may save into ${config.exportDir} (--export-dir)` : 'container_export cannot save files (--export-dir DIR allows it)'}`,
    `confirmation:  ${confirmLine(config)}`,
    `redaction:     ${policy.redact ? 'secret-looking values shown as *** (--no-redact turns it off)' : 'off (--no-redact)'}`,
    `audit log:     ${config.auditLog ?? 'off (--audit-log FILE)'}`,
    `transport:     ${transportLine(config)}`,
  ];
}

function confirmLine({ confirm }: Config): string {
  const mode = confirm.mode;
  if (mode.kind === 'none') return 'off (--confirm none): annotations are the only warning';
  const which =
    mode.kind === 'list'
      ? `the tools ${mode.names.join(', ')}`
      : mode.kind === 'write'
        ? 'every state-changing call (--confirm write)'
        : 'destructive calls (--confirm destructive, the default)';
  const fallback =
    confirm.fallback === 'deny'
      ? 'refused for clients that cannot ask the user (--confirm-fallback deny)'
      : 'a one-time token for clients that cannot ask the user (--confirm-fallback token)';
  return `${which}; asked through the client when it can, else ${fallback}`;
}

function transportLine({ http }: Config): string {
  if (!http.listen) return 'stdio (the client starts this command)';
  const scheme = http.tlsCert ? 'https' : 'http';
  const host = http.listen.host.includes(':') ? `[${http.listen.host}]` : http.listen.host;
  return `Streamable HTTP at ${scheme}://${host}:${http.listen.port}/mcp${http.stateless ? ' (stateless)' : ''}`;
}

/** The names a client would see in tools/list; `*` marks those that wait for a confirmation. */
export function offeredTools(config: Config): { names: string[]; guarded: number } {
  const tools = applyToolPolicy(TOOLS, config);
  const names = tools.map((tool) =>
    mayBeGuarded(config.confirm.mode, tool) ? `${tool.name}*` : tool.name,
  );
  return { names, guarded: names.filter((name) => name.endsWith('*')).length };
}
