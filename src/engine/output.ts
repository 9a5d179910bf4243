/**
 * A container's output as the engine sends it in a logs or attach body, as frames, a batch
 * per chunk read (a log line is a frame: one await per line would cost more than the line):
 *
 *   for await (const frames of readOutput(response.body, { tty, signal, stop }))
 *     for (const frame of frames) …
 *
 * Non-TTY containers send multiplexed frames (see ./demux.ts); TTY containers send raw
 * bytes, which come out as `stdout` frames. Decide `tty` from the container's `Config.Tty`
 * (inspect), never from Content-Type: a 1.41 engine sends none on logs. `stop` and `signal`
 * behave as in ./body.ts. Frames are the engine's bytes, unsplit and undecoded: lines and
 * text are the business of the layer above (src/render/output/).
 */
import { bodyChunks, type BodyReadOptions, type ReadableBody } from './body.js';
import { Demuxer, DemuxError, type Frame } from './demux.js';
import { EngineError } from './errors.js';

export interface OutputReadOptions extends BodyReadOptions {
  /** The container has a TTY: the body is raw bytes, not multiplexed frames. */
  tty: boolean;
}

export async function* readOutput(
  body: ReadableBody,
  options: OutputReadOptions,
): AsyncGenerator<Frame[]> {
  const chunks = bodyChunks(body, options);
  if (options.tty) {
    for await (const data of chunks) yield [{ stream: 'stdout', data }];
    return;
  }
  const demuxer = new Demuxer();
  try {
    for await (const chunk of chunks) {
      const frames = demuxer.push(chunk);
      if (frames.length > 0) yield frames;
    }
    // A stop cuts the stream anywhere, inside a frame too: only a natural end is checked.
    if (!options.stop?.aborted) demuxer.end();
  } catch (error) {
    if (!(error instanceof DemuxError)) throw error;
    throw new EngineError('engine', error.message, { cause: error, endpoint: options.endpoint });
  }
}
