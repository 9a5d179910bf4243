/**
 * What a person confirms before a command runs (--confirm write): the container as the
 * call's one lookup found it, and the command, user, working directory, environment and
 * input in full, every control and format character escaped, so what they read is exactly
 * what runs. The generic preview would shorten a long command in the middle: here the
 * command is the risk, so nothing is left out.
 */
import { inspectTarget } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { inputBytes } from '../../containers/stdin.js';
import type { Preview, ToolContext } from '../../mcp/define.js';
import { visibleJson } from '../../render/escape.js';
import { countOf } from '../../render/units.js';
import type { ExecArgs } from './schemas.js';

export async function execPreview(args: ExecArgs, ctx: ToolContext): Promise<Preview> {
  // What reaches past the container first.
  const details = [
    ...(args.privileged
      ? ['\nPRIVILEGED: with every capability and device of the host, confinement off']
      : []),
    `\ncommand: ${visibleJson(args.cmd)}`,
    `\nuser: ${args.user === undefined ? "the container's own" : visibleJson(args.user)}`,
    `\nworking directory: ${args.workdir === undefined ? "the container's own" : visibleJson(args.workdir)}`,
    ...(args.env && args.env.length > 0 ? [`\nenvironment added: ${visibleJson(args.env)}`] : []),
    ...(args.input !== undefined ? [`\nstdin: ${describeInput(args)}`] : []),
    ...(args.tty ? ['\nin a TTY'] : []),
    `\nwaiting at most ${args.timeout_s} s (it may run on after that)`,
  ];
  return targetPreview(await inspectTarget(ctx, args.id), 'Run a command in', details.join(''));
}

function describeInput(args: ExecArgs): string {
  const bytes = inputBytes(args.input, args.input_encoding) ?? Buffer.alloc(0);
  const text = bytes.toString('utf8');
  const then = args.keep_stdin_open ? 'then left open' : 'then end of file';
  // Bytes that are not UTF-8 are shown as the caller gave them, in base64.
  const shown = Buffer.from(text, 'utf8').equals(bytes)
    ? visibleJson(text)
    : `${countOf(bytes.length, 'byte')} of binary data, base64 ${visibleJson(args.input)}`;
  return `${shown}, ${then}`;
}
