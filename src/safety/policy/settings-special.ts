/**
 * The table's special checks: fields whose safety depends on how the engine parses them
 * (bind strings, security options, link specs), on a sibling field (a mount's Type), or on
 * what the engine has (another container, a network, the default runtime). Each reads the
 * value as the engine does and returns findings; lookups are left to ./settings-settle.ts.
 */
import { posix } from 'node:path';
import { bindSource, isVolumeName } from '../../containers/host-paths.js';
import type { Rule } from './settings-rules.js';
import { DEFAULT_CAPABILITIES } from './settings-table.js';
import type { Finding, Located, Segments } from './settings-findings.js';

type Special = Extract<Rule, { kind: 'special' }>;
type Refuse = (value?: unknown, field?: string, reaches?: string) => Finding;

export function specialFindings(
  rule: Special,
  located: Located,
  parent: Record<string, unknown>,
  segments: Segments,
  path: string,
): Finding[] {
  const refused: Refuse = (
    value = located.value,
    field = located.field,
    reaches = rule.reaches,
  ) => ({
    type: 'refused',
    field,
    value,
    reaches,
    flag: '--allow-privileged',
    safe: rule.safe,
  });
  const value = located.value;
  switch (rule.check) {
    case 'bind-spec':
      return eachString(located, (spec, field) => bindSpecFindings(spec, field, refused));
    case 'mount-source':
      return parent.Type === 'bind'
        ? [{ type: 'host-path', ...located, source: String(value) }]
        : [];
    case 'local-volume-options':
      return localVolumeFindings(located, refused);
    case 'network-mode':
    case 'namespace-mode': {
      const mode = String(value);
      if (rule.allowed?.includes(mode)) return [];
      if (mode.startsWith('container:'))
        return [
          reference(
            located,
            mode.slice('container:'.length),
            segments,
            rule,
            (id) => `container:${id}`,
          ),
        ];
      if (rule.check === 'network-mode' && mode !== 'host' && !mode.includes(':'))
        return [{ type: 'network', ...located, name: mode, reaches: rule.reaches }];
      return [refused()];
    }
    case 'container-reference':
      return eachString(located, (spec, field, index) => {
        const parsed = path.endsWith('VolumesFrom') ? volumesFrom(spec) : link(spec);
        const at = { field, value: spec };
        return [reference(at, parsed.id, [...segments, index], rule, parsed.rewrite)];
      });
    case 'network-names':
      return Object.keys(value as object).map((name) => ({
        type: 'network',
        field: `${located.field}[${JSON.stringify(name)}]`,
        value: name,
        name,
        reaches: rule.reaches,
      }));
    case 'security-options':
      return eachString(located, (option, field) =>
        keepsConfinement(option) ? [] : [refused(option, field)],
      );
    case 'capabilities':
      return eachString(located, (capability, field) =>
        DEFAULT_CAPABILITIES.includes(capability.toUpperCase().replace(/^CAP_/, ''))
          ? []
          : [refused(capability, field)],
      );
    case 'runtime':
      return [{ type: 'runtime', ...located, name: String(value), reaches: rule.reaches }];
    case 'restart-policy':
      return value === 'no' ? [] : [{ type: 'restart', ...located, reaches: rule.reaches }];
    case 'device-path':
      return [{ type: 'device-path', ...located, source: String(value) }];
  }
}

function eachString(
  located: Located,
  check: (value: string, field: string, index: number) => Finding[],
): Finding[] {
  const list = Array.isArray(located.value) ? (located.value as unknown[]) : [];
  return list.flatMap((item, index) => check(String(item), `${located.field}[${index}]`, index));
}

function reference(
  located: Located,
  id: string,
  at: Segments,
  rule: Special,
  rewrite: (fullId: string) => string,
): Finding {
  return { type: 'reference', ...located, id, at, rewrite, reaches: rule.reaches };
}

/**
 * "source:target[:options]" as the engine's Linux parser reads it: one part is an anonymous
 * volume, a volume's name is a volume, and any other source a host path (absolute POSIX or
 * Windows, `C:\data:/data`, whose drive colon is read past; or one the engine would refuse);
 * "shared" and "rshared" in the options would send the container's mounts back to the host.
 */
function bindSpecFindings(spec: string, field: string, refused: Refuse): Finding[] {
  if (!spec.includes(':')) return [];
  const source = bindSource(spec);
  const [, options = ''] = spec.slice(source.length + 1).split(':');
  const found: Finding[] = [];
  if (options.split(',').some((option) => option === 'shared' || option === 'rshared'))
    found.push(
      refused(
        spec,
        field,
        "shares mounts made in the container with the host's mount table (shared propagation)",
      ),
    );
  if (!isVolumeName(source)) found.push({ type: 'host-path', field, value: spec, source });
  return found;
}

const TMPFS_OPTION =
  /^((size|mode|uid|gid|nr_inodes|nr_blocks)=[\w%.-]+|noexec|nosuid|nodev|exec|suid|dev|ro|rw)$/;
const BIND_OPTION = /^(r?bind|ro|rw|nosuid|nodev|noexec|r?private|r?slave)$/;

/**
 * The `local` driver passes type, device and o to mount(2) on the engine's host: a tmpfs is
 * harmless, a bind is a host path like any other, anything else (procfs, an overlay of host
 * directories, a disk, NFS) mounts what the host has.
 */
function localVolumeFindings(located: Located, refused: Refuse): Finding[] {
  const options = located.value as Record<string, string>;
  const { type = '', device = '', o = '', ...others } = options;
  const flags = o === '' ? [] : o.split(',');
  const bind = flags.some((flag) => /^r?bind$/.test(flag));
  // Whatever --allow-privileged lets through, a device path is never a process-relative one.
  const path: Finding[] =
    bind || device.startsWith('/') ? [{ type: 'device-path', ...located, source: device }] : [];
  if (Object.keys(others).length > 0) return [refused(), ...path];
  if (bind)
    return flags.every((flag) => BIND_OPTION.test(flag))
      ? [{ type: 'host-path', ...located, source: device }]
      : [refused(), ...path];
  if (type === 'tmpfs' && flags.every((flag) => TMPFS_OPTION.test(flag))) return [];
  return [refused(), ...path];
}

/** "name[:ro|rw]". */
function volumesFrom(spec: string) {
  const at = spec.indexOf(':');
  const id = at < 0 ? spec : spec.slice(0, at);
  const rest = at < 0 ? '' : spec.slice(at);
  return { id, rewrite: (fullId: string) => `${fullId}${rest}` };
}

/** "name", "name:alias" or the engine's own "/name:/self/alias", as the engine parses links. */
function link(spec: string) {
  const parts = spec.split(':');
  const [first = '', second] = parts;
  const id = first.replace(/^\//, '');
  const alias = second === undefined ? id : first.startsWith('/') ? posix.basename(second) : second;
  return { id, rewrite: (fullId: string) => `${fullId}:${alias}` };
}

/** The SELinux types of ordinary containers (container_t, container_init_t). */
const LABEL_TYPE = /^container(_init)?_t$/;
/** Docker's default AppArmor profile, and Podman's (versioned: containers-default-0.50.1). */
const DEFAULT_APPARMOR = /^(docker-default|containers-default-\d+(\.\d+)*)$/;
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];

/**
 * Security options that keep or add confinement, parsed as the engine does ("key=value", or
 * the old "key:value"): no-new-privileges, the engines' own default AppArmor profile (any
 * other profile may be one of a host's many `flags=(unconfined)` ones), an SELinux level
 * (not a range), or a container SELinux type. Everything else, including a seccomp profile given inline, a bare
 * "disable" and other label options, loosens it or cannot be checked.
 */
export function keepsConfinement(option: string): boolean {
  if (option === 'no-new-privileges') return true;
  const split = option.includes('=') ? '=' : ':';
  const at = option.indexOf(split);
  if (at < 0) return false;
  const key = option.slice(0, at);
  const value = option.slice(at + 1);
  if (key === 'no-new-privileges') return TRUE.includes(value);
  if (key === 'apparmor') return DEFAULT_APPARMOR.test(value);
  if (key !== 'label') return false;
  // One level with its categories: a range ("s0-s0:c0.c1023") would reach every container's files.
  if (value.startsWith('level:')) return /^s\d+(:c\d{1,4}(,c\d{1,4})*)?$/.test(value.slice(6));
  return value.startsWith('type:') && LABEL_TYPE.test(value.slice('type:'.length));
}
