/** What container_wait answers, whichever way the wait ended (stopped, ready, or neither). */
import { z } from 'zod';
import { containerState } from '../../containers/state.js';
import { CANNOT_REASONS, type Readiness } from '../../containers/readiness.js';

export const waitOutput = z.object({
  condition: z.string(),
  met: z.boolean().describe('True when the condition was met'),
  timed_out: z.boolean().describe('True when the condition was not met within timeout_s'),
  waited_s: z.number(),
  reason: z
    .enum(CANNOT_REASONS)
    .optional()
    .describe('Why a ready wait ended without its condition: it can no longer get there'),
  at: z
    .string()
    .optional()
    .describe('When the condition was met, or the container ended (RFC 3339)'),
  evidence: z
    .string()
    .optional()
    .describe(
      'What shows it: the matching line, the last health probe, the exit code and what it means',
    ),
  line: z
    .object({ stream: z.string(), text: z.string(), time: z.string().optional() })
    .optional()
    .describe('With condition "log": the line that matched'),
  exit_code: z.number().optional().describe('The exit code, when the container stopped'),
  error: z.string().optional().describe("The engine's error message about the exit, if any"),
  container: containerState
    .optional()
    .describe('Its state afterwards; absent when the engine did not answer within timeout_s'),
  next: z.string().optional().describe('After a timeout: what to do next'),
});
export type WaitData = z.output<typeof waitOutput>;

/** The conditions a readiness wait (./wait-ready.ts) serves; the engine waits for the rest. */
export const READINESS = ['running', 'healthy', 'log'] as const satisfies readonly Readiness[];
export const isReadiness = (condition: string): condition is Readiness =>
  (READINESS as readonly string[]).includes(condition);

/** After a timeout: wait on, or (a readiness wait) ask why, or (an exit wait) stop it. */
export function timedOutNext(condition: string, label: string): string {
  return `call container_wait again to keep waiting, or ${isReadiness(condition) ? `container_diagnose ${label} to see why` : 'container_stop to stop it'}`;
}

/** A wait that timed out, in one wording for every condition: what it saw, when it knows. */
export function timedOutText(
  input: { timeout_s: number; condition: string },
  label: string,
  now: string,
  evidence = '',
): string {
  return `Timed out after ${input.timeout_s} s: ${label} has not met "${input.condition}" yet${evidence ? ` (${evidence.replace(/\.$/, '')})` : ''}. Nothing was changed; ${timedOutNext(input.condition, label)}.\n${now}`;
}
