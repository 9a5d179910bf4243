/**
 * Findings (./settings-walk.ts) settled against the policy and what the engine and the host
 * say: every refusal as one line naming the field, the value and the flag that allows it,
 * and the references to rewrite to the full id of the container that was checked (so the
 * engine uses that one, even if a name changes hands between the check and the create).
 */
import { hostPathsNowMounted, powersOf } from './container-powers.js';
import type { GuardFacts } from './guard-facts.js';
import { checkDevicePath, checkHostPath, type GuardPolicy } from './host-path.js';
import type { Finding, Segments } from './settings-walk.js';

export interface Verdict {
  problems: string[];
  rewrites: { at: Segments; value: string }[];
}

export interface SettleContext {
  /** Whether the container mounts host paths besides those in the findings (update: its own). */
  mountsHostPaths?: () => Promise<boolean>;
}

const PRIVILEGED = 'refused unless the server runs with --allow-privileged';

export async function settle(
  findings: readonly Finding[],
  policy: GuardPolicy,
  facts: GuardFacts,
  context: SettleContext = {},
): Promise<Verdict> {
  const verdict: Verdict = { problems: [], rewrites: [] };
  let mountsHostPaths = false;
  const refuse = (finding: Finding, what: string, unless: string) =>
    verdict.problems.push(`${finding.field}: ${show(finding.value)} ${what}; ${unless}`);
  for (const finding of findings) {
    switch (finding.type) {
      case 'refused':
        if (finding.flag === '--allow-privileged' && policy.allowPrivileged) break;
        refuse(
          finding,
          finding.reaches,
          `refused unless the server runs with ${finding.flag}${finding.safe ? ` (safe: ${finding.safe})` : ''}`,
        );
        break;
      case 'host-path': {
        mountsHostPaths = true;
        const checked = checkHostPath(finding.source, policy, facts.hostPaths);
        if (!checked.ok) refuse(finding, checked.what, checked.unless);
        break;
      }
      case 'device-path': {
        // Without --allow-privileged, the field holding it is refused already.
        if (!policy.allowPrivileged) break;
        const checked = checkDevicePath(finding.source, facts.hostPaths);
        if (!checked.ok) refuse(finding, checked.what, checked.unless);
        break;
      }
      case 'reference': {
        const other = await facts.container(finding.id);
        if (!other) {
          refuse(
            finding,
            `names "${finding.id}", and there is no such container`,
            'name an existing one (container_list shows them)',
          );
          break;
        }
        const name = other.Name.replace(/^\//, '');
        for (const power of await powersOf(other, policy, facts))
          refuse(
            finding,
            `refers to "${name}", which ${power.what}: this container would reach that too`,
            power.unless,
          );
        if (
          finding.field.includes('VolumesFrom') &&
          (await hostPathsNowMounted(other, facts)).length > 0
        )
          mountsHostPaths = true;
        verdict.rewrites.push({ at: finding.at, value: finding.rewrite(other.Id) });
        break;
      }
      case 'network': {
        if (policy.allowPrivileged) break;
        const driver = await facts.networkDriver(finding.name);
        if (driver === undefined)
          refuse(
            finding,
            'names no network of this engine (some engines read such a value as a mode of their own)',
            `${PRIVILEGED}; create the network first, or use "bridge" or "none"`,
          );
        else if (driver === 'host') refuse(finding, finding.reaches, PRIVILEGED);
        break;
      }
      case 'runtime': {
        if (policy.allowPrivileged) break;
        const standard = await facts.defaultRuntime();
        if (finding.name !== standard)
          refuse(
            finding,
            `${finding.reaches} (the engine's default is "${standard}")`,
            `${PRIVILEGED}; leave it out`,
          );
        break;
      }
      case 'restart':
        break; // settled below, once every host path is known
    }
  }
  for (const finding of findings) {
    if (finding.type !== 'restart' || policy.allowPrivileged) continue;
    if (mountsHostPaths || (await context.mountsHostPaths?.()))
      refuse(
        finding,
        `${finding.reaches} (this container mounts host paths)`,
        `${PRIVILEGED}; use "no", or named volumes instead of host paths`,
      );
  }
  return verdict;
}

/** A value as JSON, cut: an inline seccomp profile can be kilobytes. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
