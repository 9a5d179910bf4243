/**
 * Several engines at once: `--engine NAME=ADDRESS`, repeatable. The first is the default
 * engine of every tool; the others are picked with a tool's `engine` argument.
 */
import type { Config } from './config.js';
import { list, UsageError, type Flag } from './flag.js';

/** container_list's `engine` value that lists every engine. */
export const ALL_ENGINES = '*';
const NAME = /^[a-z0-9][a-z0-9_.-]{0,31}$/i;

export const ENGINE_FLAGS: Flag[] = [
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
