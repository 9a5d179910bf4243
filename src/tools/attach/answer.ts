/**
 * An attach session's answer: how it went (what was sent, what ended it, which streams),
 * the container's state after detaching, then the output lines; and the same as data.
 */
import type { SessionResult } from '../../engine/index.js';
import type { OutputSnapshot } from '../../render/output/collector.js';
import { isGap, renderEntries, streamsOf, type OutputLine } from '../../render/output/render.js';
import {
  HEADER_CHARS,
  readingNotes,
  streamErrors,
  toDataLines,
  TTY_MERGES,
} from '../../containers/output.js';
import { INPUT_REFUSED } from '../../containers/stdin.js';
import type { ToolAnswer } from '../../mcp/define.js';
import type { ContainerState } from '../../containers/state.js';
import type { AttachArgs, AttachData, AttachTransport } from './schemas.js';
import { countOf } from '../../render/units.js';

export interface AttachResult {
  args: AttachArgs;
  transport: AttachTransport;
  tty: boolean;
  session: SessionResult;
  snapshot: OutputSnapshot;
  after: { data: ContainerState; line: string };
}

export function attachAnswer(result: AttachResult): ToolAnswer<AttachData> {
  const { args, session, snapshot, after } = result;
  const lines = snapshot.entries.filter((entry): entry is OutputLine => !isGap(entry));
  const merged = result.tty || result.transport === 'websocket';
  const streams = streamsOf(lines);
  const markStderr = streams.length > 1;
  const end = describeEnd(args, session);
  const header = [
    describeSession(result),
    ...(session.inputRefused ? [INPUT_REFUSED] : []),
    end,
    describeLines(lines.length, snapshot, result, markStderr),
    `Now: ${after.line}`,
  ];
  header.push(...streamErrors(snapshot.errors));
  const body = renderEntries(snapshot.entries, { markStderr });
  return {
    text: lines.length > 0 ? `${header.join('\n')}\n\n${body}` : header.join('\n'),
    maxChars: args.max_bytes + HEADER_CHARS,
    data: {
      container: { ...after.data, tty: result.tty },
      streams,
      lines: toDataLines(snapshot.entries, { markStderr }),
      read: snapshot.lines,
      omitted: snapshot.omitted,
      ...(snapshot.omitted > 0 && { left_out: leftOut(snapshot.omitted) }),
      note: end,
      bytes: session.bytes,
      ended: session.ended,
      attached_ms: session.ms,
      input_bytes: session.inputBytes,
      ...(session.inputRefused && { input_refused: true as const }),
      stdin_closed: args.close_stdin === true,
      streams_merged: merged,
      ...(snapshot.errors.length > 0 && { engine_errors: snapshot.errors }),
    },
  };
}

function describeSession({ args, transport, tty, session, after }: AttachResult): string {
  const over = transport === 'websocket' ? 'over WebSocket' : 'over a hijacked connection';
  const what = [
    args.logs ? 'replayed earlier output' : '',
    args.stream ? 'collected new output' : '',
  ].filter(Boolean);
  const input =
    session.inputBytes > 0 || args.close_stdin
      ? `; sent ${countOf(session.inputBytes, 'byte')} of input${args.close_stdin ? (tty ? ', then Ctrl-D (end of file)' : ', then closed stdin (end of file)') : ''}`
      : '';
  const seconds = (session.ms / 1000).toFixed(1);
  return `Attached to ${after.data.name} ${over} for ${seconds} s: ${what.join(' and ')}${input}.`;
}

function describeEnd(args: AttachArgs, session: SessionResult): string {
  switch (session.ended) {
    case 'duration':
      return `Detached when the ${args.duration_ms} ms window ended; the output may go on (a longer duration_ms collects more).`;
    case 'max_bytes':
      return `Detached at max_bytes (${args.max_bytes} bytes of output); more output may follow (raise max_bytes, or read it with container_logs).`;
    case 'stream_end':
      return args.stream
        ? 'The output ended: the process exited or closed its output.'
        : 'The replay of earlier output is complete.';
  }
}

function describeLines(
  shown: number,
  snapshot: OutputSnapshot,
  result: AttachResult,
  markStderr: boolean,
): string {
  const parts = [
    shown === 0
      ? 'No output.'
      : `${countOf(shown, 'line')} of output (${countOf(result.session.bytes, 'byte')}), oldest first.`,
  ];
  if (snapshot.omitted > 0) parts.push(leftOut(snapshot.omitted));
  const merged =
    result.transport === 'websocket'
      ? 'The WebSocket endpoint merges stdout and stderr: they cannot be told apart.'
      : result.tty
        ? TTY_MERGES
        : undefined;
  parts.push(...readingNotes(snapshot.entries, { markStderr, merged }));
  return parts.join(' ');
}

function leftOut(omitted: number): string {
  return `${omitted} earlier lines left out to keep within max_bytes (raise max_bytes, or read them with container_logs).`;
}
