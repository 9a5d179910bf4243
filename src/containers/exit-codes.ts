/**
 * What a container's exit code says, in words a person acts on:
 *
 *   exitMeaning(137, { oomKilled: true, memoryLimit: 64 * 2 ** 20 })
 *     // { short: 'killed for memory', text: 'killed by the kernel for memory (limit 64 MiB)' }
 *   exitMeaning(143)  // { short: 'SIGTERM', text: 'stopped by SIGTERM (docker stop, or a TERM it obeyed)' }
 *
 * Codes above 128 are 128 + the signal that ended the process; 126 and 127 come from the
 * shell or the runtime when the command cannot run; 125 from the runtime itself.
 */
import { formatBytesIEC } from '../render/units.js';
import { parseSignal } from './signals.js';

export interface ExitFacts {
  /** The engine says the kernel's OOM killer ended it (Docker; Podman 4 never says). */
  oomKilled?: boolean;
  /** The container's memory limit in bytes (0 or absent: none). */
  memoryLimit?: number | undefined;
  /** The engine does not report OOM kills (Podman's compatible service). */
  oomUnreported?: boolean;
}

export interface ExitMeaning {
  /** A few words for a table cell or an event line. */
  short: string;
  /** The sentence a verdict uses. */
  text: string;
}

const BY_CODE: Record<number, ExitMeaning> = {
  0: { short: 'success', text: 'it finished normally (code 0)' },
  1: { short: 'application error', text: 'the application exited with an error (code 1)' },
  2: {
    short: 'usage error',
    text: 'the program or shell refused its arguments (code 2: a usage error)',
  },
  125: {
    short: 'runtime error',
    text: 'the container runtime failed to run it (code 125: see the engine error)',
  },
  126: {
    short: 'command not executable',
    text: 'the command was found but could not be run (code 126: not executable, or permission denied)',
  },
  127: {
    short: 'command not found',
    text: 'the command was not found (code 127: check Cmd/Entrypoint and the image PATH)',
  },
};

const SIGNALS: Record<string, string> = {
  SIGKILL: 'killed (SIGKILL): docker kill, a stop past its timeout, or the OOM killer',
  SIGTERM: 'stopped by SIGTERM (docker stop, or a TERM it obeyed)',
  SIGINT: 'interrupted (SIGINT)',
  SIGSEGV: 'crashed: segmentation fault (SIGSEGV)',
  SIGABRT: 'aborted (SIGABRT): the program gave up on itself',
  SIGBUS: 'crashed: bus error (SIGBUS)',
  SIGFPE: 'crashed: arithmetic error (SIGFPE)',
  SIGHUP: 'ended by a hangup (SIGHUP)',
  SIGPIPE: 'ended writing to a closed pipe (SIGPIPE)',
};

export function exitMeaning(code: number, facts: ExitFacts = {}): ExitMeaning {
  const limit = facts.memoryLimit ? formatBytesIEC(facts.memoryLimit) : undefined;
  if (facts.oomKilled)
    return {
      short: 'killed for memory',
      text: `killed by the kernel for memory${limit ? ` (limit ${limit})` : ''}`,
    };
  const known = BY_CODE[code];
  if (known) return known;
  if (code > 128 && code <= 128 + 64) {
    const parsed = parseSignal(code - 128);
    const signal = 'signal' in parsed ? parsed.signal : `signal ${code - 128}`;
    if (signal === 'SIGKILL' && limit && facts.oomUnreported)
      return {
        short: 'SIGKILL',
        text: `killed (SIGKILL); it has a memory limit of ${limit} and this engine does not report OOM kills, so memory is the likely cause`,
      };
    return { short: signal, text: SIGNALS[signal] ?? `ended by ${signal} (code ${code})` };
  }
  if (code === 255)
    return {
      short: 'exit 255',
      text: 'exited with 255 (often -1: a fatal error, or out of range)',
    };
  return { short: 'error', text: `the application exited with code ${code}` };
}
