/**
 * container_top's ps_args as an allowlist. dockerd runs the host's `ps` with the caller's
 * arguments plus `-q <the container's PIDs>`, and when ps refuses that combination it runs
 * them again without `-q`, over every process on the host, then keeps the rows whose PID
 * column is the container's. So an argument that selects other processes, renames a column
 * (an error then quotes one word of whichever row it read), or adds the environment (`e`)
 * reaches the host's processes, not the container's. Podman 4 hands the arguments to its own
 * process reader (psgo) when each comma-separated part is one of its descriptors, and
 * otherwise runs `ps` with them inside the container (the image's own binary, as a new
 * process there); so on Podman the accepted forms are sent as psgo descriptors, and nothing
 * runs in the container.
 *
 * Accepted: options that select every process (which the engine then narrows to the
 * container's), preset formats, wide output, and `-o` lists of known column names with a
 * `pid` column, nothing renamed or sized; refused with this list otherwise.
 */

import { quote } from '../../render/bound.js';

/** UNIX options: every process (e, A), full/extra/long/jobs formats (f, F, l, j, y, c), wide. */
const UNIX_FLAGS = 'eAfFljycw';
/** BSD options: every process (a, x), user/jobs/long/memory/signal formats, wide. */
const BSD_FLAGS = 'axujlvsw';
/** Letters that choose a format of their own: they cannot be combined with -o (ps refuses). */
const FORMAT_FLAGS = 'fFljyuvsc';

/** Columns a ps format may name: what describes a process, nothing that reaches its environment. */
const COLUMNS = (
  'pid ppid pgid sid tid lwp nlwp uid euid ruid suid user euser ruser suser uname gid egid ' +
  'rgid group egroup rgroup tty tt tname stat state s time cputime etime etimes stime start ' +
  'start_time lstart bsdstart bsdtime pcpu %cpu c pmem %mem rss rsz vsz vsize sz majflt minflt ' +
  'nice ni pri psr cls policy rtprio f wchan args cmd command comm ucmd ucomm label'
).split(' ');
/** Columns whose values may hold spaces: after the PID column, so that dockerd reads each row's PID. */
const SPACED = new Set(
  'args cmd command comm ucmd ucomm lstart start bsdstart label wchan'.split(' '),
);

/**
 * The same columns as Podman's reader (psgo) names them, where it has them: each group is
 * its name, then the ps names that mean it.
 */
const PSGO: Record<string, string> = Object.fromEntries(
  (
    'pid ppid pgid user=euser=uname ruser group=egroup rgroup tty=tt=tname state=stat=s ' +
    'time=cputime etime stime=start=start_time pcpu=%cpu rss=rsz vsz=vsize nice=ni ' +
    'args=cmd=command comm=ucmd=ucomm label'
  )
    .split(' ')
    .flatMap((group) => {
      const [name = '', ...aliases] = group.split('=');
      return [name, ...aliases].map((alias) => [alias, name]);
    }),
);
/** The columns Podman's reader has, by their ps names, for a message. */
export const PODMAN_COLUMNS = Object.keys(PSGO).join(', ');

/** The presets, as Podman's reader can show them. */
const PSGO_PRESETS = {
  plain: 'pid,tty,time,args',
  full: 'user,pid,ppid,pcpu,stime,tty,time,args',
  user: 'user,pid,pcpu,vsz,rss,tty,state,stime,time,args',
  long: 'state,user,pid,ppid,pcpu,nice,vsz,rss,tty,time,args',
  jobs: 'pid,pgid,tty,time,args',
};

const PS_ARGS_ACCEPTED =
  'UNIX options -e, -A, -f, -F, -l, -j, -y, -c, -w (combined as in "-ef"), BSD options a, x, u, j, l, v, s, w (as in "aux"), ' +
  `and -o (or o, --format) with known column names, "pid" among them and before any that holds spaces, e.g. "-eo pid,user,args"; columns: ${COLUMNS.join(', ')}`;

export interface PsArgs {
  /** What dockerd gets: the accepted options, one space apart. */
  docker: string;
  /** What Podman gets: psgo descriptors, comma-separated. */
  podman: string;
  /** Columns Podman's reader does not have, when some were asked for. */
  notOnPodman: string[];
}

/** The arguments as the engines should get them, or why they are refused. */
export function parsePsArgs(text: string): PsArgs | { problem: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return parsePsArgs('-ef'); // what dockerd takes "" for
  const flags = new Set<string>();
  const columns: string[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    const read = readToken(token, flags);
    if (typeof read === 'string') return refused(read);
    if (!read.columnsFollow) continue;
    const list = read.attached === '' ? tokens[++index] : read.attached;
    if (list === undefined) return refused(`${quote(token)} needs a list of columns after it`);
    for (const column of list.split(',')) {
      if (!COLUMNS.includes(column))
        return refused(
          /[=:]/.test(column)
            ? `${quote(column)}: columns are named as ps names them, without "=" (a renamed column) or ":" (a width)`
            : `${quote(column)} is not a known ps column`,
        );
      columns.push(column);
    }
  }
  const why = columns.length > 0 ? formatProblem(flags, columns) : undefined;
  if (why !== undefined) return refused(why);
  const psgo = columns.length > 0 ? columns.map((c) => PSGO[c]) : presetColumns(flags).split(',');
  return {
    docker: tokens.join(' '),
    podman: psgo.filter((c) => c !== undefined).join(','),
    notOnPodman: columns.filter((column) => PSGO[column] === undefined),
  };
}

const refused = (what: string) => ({ problem: `${what}; accepted: ${PS_ARGS_ACCEPTED}` });

/**
 * One option token: its letters added to `flags`, and whether columns follow (an "o", or
 * --format), in the rest of the token or in the next; or why it is refused.
 */
function readToken(
  token: string,
  flags: Set<string>,
): { columnsFollow: boolean; attached: string } | string {
  if (token === '--format') return { columnsFollow: true, attached: '' };
  if (token.startsWith('--format='))
    return token.length > '--format='.length
      ? { columnsFollow: true, attached: token.slice('--format='.length) }
      : `${quote(token)} gives no columns`;
  const unix = token.startsWith('-');
  const letters = unix ? token.slice(1) : token;
  if (token.startsWith('--') || letters === '')
    return `${quote(token)} is not a ps option this server passes`;
  const allowed = unix ? UNIX_FLAGS : BSD_FLAGS;
  for (const [at, letter] of [...letters].entries()) {
    if (letter === 'o') return { columnsFollow: true, attached: letters.slice(at + 1) };
    if (!allowed.includes(letter))
      return `${quote(token)}: ${quote(unix ? `-${letter}` : letter)} is not a ps option this server passes (it could select other processes, rename the columns or add the environment)`;
    flags.add(letter);
  }
  return { columnsFollow: false, attached: '' };
}

/** Why a list of columns cannot be used with these options, if it cannot. */
function formatProblem(flags: ReadonlySet<string>, columns: readonly string[]): string | undefined {
  const own = [...flags].filter((flag) => FORMAT_FLAGS.includes(flag));
  if (own.length > 0)
    return `${own.map((f) => `"${f}"`).join(', ')} chooses its own format, which ps does not combine with -o: use one or the other`;
  const pid = columns.indexOf('pid');
  if (pid < 0)
    return 'the columns must include "pid": the engine finds the container\'s processes by it';
  const early = columns.slice(0, pid).filter((column) => SPACED.has(column));
  return early.length > 0
    ? `"${early.join('", "')}" can hold spaces: put "pid" before it`
    : undefined;
}

function presetColumns(flags: ReadonlySet<string>): string {
  if (flags.has('u')) return PSGO_PRESETS.user;
  if (flags.has('l') || flags.has('y')) return PSGO_PRESETS.long;
  if (flags.has('f') || flags.has('F')) return PSGO_PRESETS.full;
  if (flags.has('j')) return PSGO_PRESETS.jobs;
  return PSGO_PRESETS.plain;
}
