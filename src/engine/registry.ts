/**
 * The engines one server talks to, by name: the first is the default. Each Engine
 * negotiates its API version on first use, so an engine that is down costs nothing until a
 * call names it, and never stops the others from serving.
 */
import { Engine, type EngineOptions } from './client.js';
import { resolveEngineAddress, type ResolveInput } from './resolve.js';

/** The `engine` value that names every engine at once (container_list lists them all). */
export const ALL_ENGINES = '*';

export interface NamedAddress {
  name: string;
  /** unix://, tcp://, ssh:// (or a bare socket path), else a Docker context name. */
  address: string;
}

export class EngineRegistry {
  readonly all: readonly Engine[];
  private readonly byName: ReadonlyMap<string, Engine>;

  constructor(engines: readonly Engine[]) {
    const first = engines[0];
    if (first === undefined) throw new Error('an engine registry needs at least one engine');
    this.all = engines;
    this.byName = new Map(engines.map((engine) => [engine.name, engine]));
  }

  get default(): Engine {
    return this.all[0] as Engine;
  }

  get names(): string[] {
    return this.all.map((engine) => engine.name);
  }

  /** More than one engine: tools take an `engine` argument and URIs carry the name. */
  get several(): boolean {
    return this.all.length > 1;
  }

  /** The engine called `name`, or undefined. */
  find(name: string): Engine | undefined {
    return this.byName.get(name);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((engine) => engine.close()));
  }
}

/**
 * One Engine per `--engine NAME=ADDRESS`. Throws an AddressError naming the flag when an
 * address or a context is wrong: that is a start-up mistake, not a runtime one.
 */
export function enginesFor(
  specs: readonly NamedAddress[],
  options: Omit<EngineOptions, 'name'>,
  where: Pick<ResolveInput, 'env' | 'home'> = {},
): Engine[] {
  return specs.map(({ name, address }) => {
    const source = `--engine ${name}`;
    const isUrl = address.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(address);
    const resolved = resolveEngineAddress(
      isUrl ? { ...where, host: address, source } : { ...where, context: address, source },
    );
    return new Engine(resolved, { ...options, name });
  });
}
