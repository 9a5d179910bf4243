/**
 * Output lines as container_logs and container_attach hold them in structured content: a
 * plain string for a line with nothing more to say, an object otherwise (stderr when both
 * streams are shown, a timestamp when asked, a cut, a grep context line or gap). Tests read
 * them back as uniform objects.
 */
export type DataLine =
  | string
  | {
      text: string;
      stream?: 'stderr';
      time?: string;
      cut_bytes?: number;
      context?: true;
      gap?: true;
    };

export interface Line {
  text: string;
  stream: 'stdout' | 'stderr';
  time?: string;
  cut_bytes?: number;
  context?: true;
}

/** Every line (grep gaps left out), with its stream spelled out. */
export function linesOf(data: { streams: ('stdout' | 'stderr')[]; lines: DataLine[] }): Line[] {
  const only = data.streams.length === 1 ? data.streams[0] : undefined;
  return data.lines.flatMap((line): Line[] => {
    if (typeof line === 'string') return [{ text: line, stream: only ?? 'stdout' }];
    if (line.gap) return [];
    const { gap: _gap, ...rest } = line;
    return [{ ...rest, stream: line.stream ?? only ?? 'stdout' }];
  });
}
