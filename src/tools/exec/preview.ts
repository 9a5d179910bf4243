/**
 * What a person confirms before a command runs (--confirm write): the container as the
 * engine sees it, and the command, user, working directory, environment and input in full,
 * every control and format character escaped, so what they read is exactly what runs. Only
 * the input is shortened past a screenful, and the preview says how much is not shown.
 */
import { inspectTarget } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { inputBytes } from '../../containers/stdin.js';
import type { Preview, ToolContext } from '../../mcp/define.js';
import { visibleJson } from '../../render/escape.js';
import { countOf } from '../../render/units.js';
import type { ExecArgs } from './schemas.js';

const INPUT_PREVIEW_CHARS = 2000;

export async function execPreview(args: ExecArgs, ctx: ToolContext): Promise<Preview> {
  const details = [
    `\ncommand: ${visibleJson(args.cmd)}`,
    `\nuser: ${args.user === undefined ? "the container's own" : visibleJson(args.user)}`,
    `\nworking directory: ${args.workdir === undefined ? "the container's own" : visibleJson(args.workdir)}`,
    ...(args.env && args.env.length > 0 ? [`\nenvironment added: ${visibleJson(args.env)}`] : []),
    ...(args.input !== undefined ? [`\nstdin: ${describeInput(args)}`] : []),
    ...(args.tty ? ['\nin a TTY'] : []),
    ...(args.privileged
      ? ['\nPRIVILEGED: with every capability and device of the host, confinement off']
      : []),
    `\nwaiting at most ${args.timeout_s} s (it may run on after that)`,
  ];
  return targetPreview(await inspectTarget(ctx, args.id), 'Run a command in', details.join(''));
}

function describeInput(args: ExecArgs): string {
  const bytes = inputBytes(args.input, args.input_encoding) ?? Buffer.alloc(0);
  const text = bytes.toString('utf8');
  const then = args.keep_stdin_open ? 'then left open' : 'then end of file';
  // Bytes that are not UTF-8 cannot be shown as text; a person reads their size.
  if (!Buffer.from(text, 'utf8').equals(bytes))
    return `${countOf(bytes.length, 'byte')} of binary data, ${then}`;
  const shown = text.length > INPUT_PREVIEW_CHARS ? text.slice(0, INPUT_PREVIEW_CHARS) : text;
  const rest =
    shown.length < text.length ? ` … and ${text.length - shown.length} more characters` : '';
  return `${visibleJson(shown)}${rest}, ${then}`;
}
