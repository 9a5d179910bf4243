/**
 * What a tool can do, declared as data in its definition. Every policy derives from these
 * declarations (--read-only, --no-destructive, --confirm, --scope-label, redaction, the
 * audit log), so a new tool cannot be left out of a rule by forgetting to name it: the type
 * makes it say what it touches, and the rules read that.
 */

/** One thing a call can do beyond reading. A tool that declares none only reads. */
export type Effect =
  /** Changes a container's state: creates, starts, stops, pauses, renames or resizes it. */
  | 'container-state'
  /** Writes into a container's files. */
  | 'container-files'
  /** Asks for settings that can reach the host: mounts, namespaces, devices, limits. */
  | 'host-settings'
  /** Runs code in a container: input to its process, or a command. */
  | 'runs-code'
  /**
   * Runs it with the host's privileges: every capability and device, confinement off. Only
   * offered when the server runs with --allow-privileged.
   */
  | 'privileged'
  /** Writes a file on the server's own machine. */
  | 'host-file'
  /** Loses what cannot be had back: ends processes, removes containers, overwrites files. */
  | 'destroys'
  /** Changes the engine's images: pulls, tags, commits (removing one also 'destroys'). */
  | 'images';

/** Every effect, in the order above. */
export const EFFECTS: readonly Effect[] = [
  'container-state',
  'container-files',
  'host-settings',
  'runs-code',
  'privileged',
  'host-file',
  'destroys',
  'images',
];

/**
 * What a call does to an existing container it reaches into without naming it as its
 * target: joining its PID, IPC or network namespace, or mounting its volumes writable, runs
 * code in that container (through its processes, its files, the services it serves on
 * localhost) and can destroy it (signal its processes, rewrite or empty its data). Said once
 * here, not per field: such a call takes these effects on for every container it reaches,
 * so the policy refuses it where they are left out, the confirmation asks where they are
 * guarded, and the scope must hold each of those containers.
 */
export const REACH_EFFECTS: readonly Effect[] = ['runs-code', 'destroys'];

/** How a call names the containers it acts on. */
export type Targets =
  /**
   * One existing container, named by this argument. The call resolves it to the full id once
   * (ToolContext.target). `linkWhen`: while this argument is true, the argument names a legacy
   * link ("<container>/<alias>") instead, which no id can stand for.
   */
  | { one: string; linkWhen?: string }
  /** Every container the engine filters in this argument match. */
  | { matching: string }
  /** A new container, from the body in this argument. */
  | { creates: string }
  /**
   * No container: the call is about images (one named by `image`, when it names one). Under
   * --scope-label, a call that removes an image is refused when a container outside the scope
   * uses it.
   */
  | { images: true; image?: string };

/**
 * An image reference a call fetches, starts from or gives, for --allow-image: in `argument`,
 * or in its `field` (create's body.Image).
 * - 'fetches': the engine may download it (a pull): its canonical form must be allowed.
 * - 'uses': a local image the call starts from (create, tag's source): looked up once, allowed
 *   when one of its names (or its id) is, and from then on sent as that image's id.
 * - 'names': a name the call gives an image (tag, commit): must be allowed, so that no image
 *   gets a name the allowlist trusts without having been checked.
 */
export interface ImageUse {
  argument: string;
  field?: string;
  use: 'fetches' | 'uses' | 'names';
}

export interface Effects {
  /** What every call does; empty for a tool that only reads. */
  always: readonly Effect[];
  /**
   * What a call adds when it gives one of these arguments with a value (not absent, false
   * or empty). Such an argument is left out of the schema where a policy forbids its effects.
   */
  byArgument?: Readonly<Record<string, readonly Effect[]>>;
  /** What a call may add depending on the engine's state; its preview settles it. */
  mayAlso?: readonly Effect[];
  targets: Targets;
  /** Where a call with 'host-settings' carries them, for the host guards. */
  settings?: { argument: string; form: 'create' | 'update' };
  /**
   * The call makes the engine start the container's process, which mounts its host paths
   * again: the host guards re-check them first (they may have changed since creation).
   */
  startsContainer?: boolean;
  /** The answer is a file's bytes, shown as they are: redaction would corrupt them. */
  answersFileBytes?: boolean;
  /** Image references the call fetches, uses or gives (--allow-image checks them). */
  images?: readonly ImageUse[];
  /**
   * The call can reach into other existing containers (REACH_EFFECTS): through the settings
   * it carries ('settings': a create body), or through those of the container it starts
   * ('target'). Which ones, if any, only the engine can say: the policy layer and the preview
   * look them up.
   */
  reaches?: 'settings' | 'target';
}

/** Everything some call of the tool can do. */
export function possibleEffects(effects: Effects): Set<Effect> {
  return new Set([
    ...effects.always,
    ...Object.values(effects.byArgument ?? {}).flat(),
    ...(effects.mayAlso ?? []),
  ]);
}

export interface CallEffects {
  /** What this call does, from the tool and the arguments it gives. */
  sure: Set<Effect>;
  /** What it may also do, once its preview has looked at the engine. */
  maybe: Set<Effect>;
}

export function callEffects(effects: Effects, args: unknown): CallEffects {
  const given = typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {};
  const sure = new Set(effects.always);
  for (const [name, added] of Object.entries(effects.byArgument ?? {}))
    if (hasValue(given[name])) for (const effect of added) sure.add(effect);
  return { sure, maybe: new Set([...(effects.mayAlso ?? []), ...reachEffects(effects)]) };
}

/** What a call of the tool may take on by reaching into other containers. */
export function reachEffects(effects: Effects): readonly Effect[] {
  return effects.reaches === undefined ? [] : REACH_EFFECTS;
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

export type Risk = 'read' | 'write' | 'destructive';

/** The risk class the annotations and messages use: the most any call of the tool can do. */
export function riskOf(effects: Effects): Risk {
  const possible = possibleEffects(effects);
  if (possible.has('destroys')) return 'destructive';
  return possible.size === 0 ? 'read' : 'write';
}

export function overlaps(effects: Iterable<Effect>, set: ReadonlySet<Effect>): boolean {
  for (const effect of effects) if (set.has(effect)) return true;
  return false;
}
