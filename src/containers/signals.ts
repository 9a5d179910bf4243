/**
 * Signals as a model writes them ("SIGTERM", "term", 15) checked before the engine sees
 * them: the engine answers a bare 400 for a bad name and a 500 for a number above 64.
 */
import { z } from 'zod';
import { quote } from '../render/bound.js';
import { didYouMean } from '../render/suggest.js';

/** Linux signal numbers by name without "SIG", as the engine's own table has them. */
const LINUX_SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  POLL: 29,
  PWR: 30,
  SYS: 31,
  RTMIN: 34,
  RTMAX: 64,
};
for (let offset = 1; offset <= 15; offset++) LINUX_SIGNALS[`RTMIN+${offset}`] = 34 + offset;
for (let offset = 1; offset <= 14; offset++) LINUX_SIGNALS[`RTMAX-${offset}`] = 64 - offset;

const NAME_BY_NUMBER = new Map<number, string>();
for (const [name, number] of Object.entries(LINUX_SIGNALS)) {
  if (!NAME_BY_NUMBER.has(number)) NAME_BY_NUMBER.set(number, name);
}

const MAX_SIGNAL = 64;

/** The engine's name for a known signal ("SIGTERM", or the number), or why it is refused. */
export function parseSignal(raw: string | number): { signal: string } | { error: string } {
  const text = String(raw).trim();
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    if (number < 1 || number > MAX_SIGNAL) {
      return { error: `signal number ${text} is out of range: use 1-${MAX_SIGNAL}` };
    }
    const name = NAME_BY_NUMBER.get(number);
    return { signal: name ? `SIG${name}` : String(number) };
  }
  const bare = text.toUpperCase().replace(/^SIG/, '');
  if (LINUX_SIGNALS[bare] !== undefined) return { signal: `SIG${bare}` };
  const names = Object.keys(LINUX_SIGNALS).map((name) => `SIG${name}`);
  return {
    error: `unknown signal ${quote(text)}${didYouMean(`SIG${bare}`, names)}: use a name such as SIGTERM, TERM or SIGKILL, or a number 1-${MAX_SIGNAL}`,
  };
}

/** The signal's number, for messages ("SIGTERM (15)"). */
export function signalNumber(signal: string): number | undefined {
  if (/^\d+$/.test(signal)) return Number(signal);
  return LINUX_SIGNALS[signal.replace(/^SIG/, '')];
}

export function signalInput(description: string) {
  return z
    .union([z.string().max(32), z.number().int()])
    .transform((raw, ctx) => {
      const parsed = parseSignal(raw);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.signal;
    })
    .describe(description);
}

/** "SIGTERM (15)": a signal as given, with its number when it was given by name. */
export function describeSignal(signal: string): string {
  const number = signalNumber(signal);
  return number === undefined || String(number) === signal ? signal : `${signal} (${number})`;
}
