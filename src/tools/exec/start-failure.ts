/**
 * An exec the engine accepted but could not start: the runtime's message arrives in the
 * output instead of an HTTP error (dockerd writes it to stdout, Podman to stderr) and the
 * exit code is the runtime's (126, 127; not the command's). Recognised here, so the answer is
 * an error with the engine's words and the step that fixes it, not "exit code 126".
 */
import { engineHint } from '../../mcp/errors.js';
import type { OutputLine } from '../../render/output/render.js';

/** What the runtimes print when the process could not be started (runc via dockerd or Podman). */
const RUNTIME_FAILURE =
  /OCI runtime exec failed|exec failed: unable to start container process|unable to find (user|group) |no matching entries in (passwd|group) file/i;
/** The exit codes runtimes give a process they could not start. */
const START_CODES = new Set([126, 127]);

/** First match wins: a missing directory's message also says "no such file". */
const HINTS: { match: RegExp; hint: (command: string) => string }[] = [
  {
    match: /chdir to cwd|no such file or directory.*cwd/i,
    hint: () =>
      'The working directory does not exist in the container: leave workdir out, or create it first (["mkdir", "-p", "<dir>"]).',
  },
  {
    match: /executable file not found|no such file or directory.*exec|exec: .*: not found/i,
    hint: (command) =>
      `${command} is not in the container (not on its PATH): give its full path, or look for it (["sh", "-c", "command -v <name>"], or ["ls", "/usr/bin"]). cmd runs a program directly: a shell command needs ["sh", "-c", "..."].`,
  },
  {
    match: /permission denied/i,
    hint: (command) =>
      `${command} could not be executed (permission denied): it may lack the execute bit, or the user may not reach it. Try ["sh", "<script>"] for a script, or another user.`,
  },
  {
    match: /unable to apply caps|operation not permitted/i,
    hint: () =>
      "The engine's host refused the privileges asked for (a rootless or sandboxed engine cannot grant them all): run without privileged.",
  },
];

/** The runtime's message when the exec never started, or undefined when the command ran. */
export function startFailure(exitCode: number | null | undefined, lines: OutputLine[]) {
  if (exitCode === null || exitCode === undefined || !START_CODES.has(exitCode)) return undefined;
  // The runtime's message is all the output there is: a command of its own prints first.
  return lines.slice(0, 3).find((line) => RUNTIME_FAILURE.test(line.text))?.text;
}

/** The step that fixes it: exec's own hints first, then the engine's (a missing user). */
export function startFailureHint(message: string, command: string): string {
  return (
    HINTS.find(({ match }) => match.test(message))?.hint(command) ??
    engineHint(message) ??
    'The engine could not start the command: check cmd, user and workdir against the image.'
  );
}
