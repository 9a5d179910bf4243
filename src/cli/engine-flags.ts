/**
 * Which engine (or engines) the server talks to, and how: --host, --context, several at once
 * with `--engine NAME=ADDRESS` (the first is the default engine of every tool; the others are
 * picked with a tool's `engine` argument), the API version and the quick-call timeout.
 */
import { UsageError, type Config } from '../config.js';
import { parseApiVersion } from '../engine/version.js';
import { list, positiveNumber, str, type Flag } from './flag-values.js';

const NAME = /^[a-z0-9][a-z0-9_.-]{0,31}$/i;

export const ENGINE_FLAGS: Flag[] = [
  {
    name: 'host',
    type: 'string',
    value: 'URL',
    group: 'Engine',
    help: 'Engine address: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host[:port] (overrides DOCKER_HOST and contexts)',
    apply: (config, value) => (config.host = str(value)),
  },
  {
    name: 'context',
    type: 'string',
    value: 'NAME',
    group: 'Engine',
    help: 'Docker CLI context to use (overrides DOCKER_HOST, DOCKER_CONTEXT and currentContext)',
    apply: (config, value) => (config.context = str(value)),
  },
  {
    name: 'engine',
    type: 'string',
    multiple: true,
    value: 'NAME=ADDRESS',
    group: 'Engine',
    help: 'Serve several engines; ADDRESS is unix://, tcp://, ssh:// or a Docker context name. The first is the default; tools get an `engine` argument',
    apply: (config, value) => {
      for (const spec of list(value)) config.engines.push(parseEngineSpec(spec, config));
    },
  },
  {
    name: 'api-version',
    type: 'string',
    value: 'X.Y',
    group: 'Engine',
    help: "Pin the Engine API version instead of negotiating (default: min(1.45, the engine's))",
    apply: (config, value) => {
      const version = str(value).replace(/^v/, '');
      if (!parseApiVersion(version))
        throw new UsageError(`--api-version "${str(value)}" is not a version like 1.41`);
      config.apiVersion = version;
    },
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'SECONDS',
    group: 'Engine',
    help: 'Bound of each quick engine call (default 30): inspect, list, top, changes, archive_info, one stats reading, start, stop and restart (plus their grace period t), kill, pause, unpause, rename, update, resize, create, delete, prune, and the lookups every tool makes',
    apply: (config, value) => (config.timeoutMs = positiveNumber('timeout', str(value)) * 1000),
  },
  {
    name: 'idle-timeout',
    type: 'string',
    value: 'SECONDS',
    group: 'Engine',
    help: "Long engine calls fail when the engine sends nothing (headers or bytes) for this long (default 30): container_logs, container_events, container_diagnose, container_export, container_archive, put_container_archive, stats samples or stream. Bounded by their own argument instead: container_wait by timeout_s (the whole call, lookups included, every wait for readiness too, plus 1 s for the state afterwards), logs' follow by follow_ms (plus this), attach by duration_ms",
    apply: (config, value) =>
      (config.idleTimeoutMs = positiveNumber('idle-timeout', str(value)) * 1000),
  },
];

function parseEngineSpec(spec: string, config: Config): { name: string; address: string } {
  const equals = spec.indexOf('=');
  const name = spec.slice(0, Math.max(equals, 0)).trim();
  const address = spec.slice(equals + 1).trim();
  if (equals < 1 || address === '')
    throw new UsageError(
      `--engine "${spec}" is not NAME=ADDRESS, e.g. --engine podman=unix:///run/podman/podman.sock or --engine prod=ssh://me@prod`,
    );
  if (!NAME.test(name))
    throw new UsageError(
      `--engine "${spec}": the name "${name}" must be 1-32 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  const taken = config.engines.map((engine) => engine.name);
  if (taken.includes(name))
    throw new UsageError(`--engine "${spec}": the name "${name}" is given twice`);
  return { name, address };
}

/** Cross-flag checks: --engine replaces --host and --context. */
export function finishEngineConfig(config: Config): void {
  if (config.engines.length === 0) return;
  const other =
    config.host !== undefined ? '--host' : config.context !== undefined ? '--context' : '';
  if (other !== '')
    throw new UsageError(
      `${other} and --engine do not go together: give the default engine as the first --engine NAME=ADDRESS`,
    );
}
