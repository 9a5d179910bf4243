/**
 * Podman's service writes its own attach errors into an exec's output when the process ends
 * while input or output is still on its way ("Error: write unixpacket
 * @->/proc/self/fd/13/attach: write: broken pipe"), on stderr or, with a TTY, merged into
 * the output. They are not the command's: they move to the engine's errors, which the answer
 * reports as the engine's.
 */
import type { OutputSnapshot } from '../../render/output/collector.js';
import { isGap, type OutputLine } from '../../render/output/render.js';

const PODMAN_ATTACH_ERROR = /^Error: (read|write) unixpacket @->\/proc\/self\/fd\/\d+\/attach: /;

export function withoutEngineLines(snapshot: OutputSnapshot): OutputSnapshot {
  const engine = snapshot.entries.filter(
    (entry): entry is OutputLine => !isGap(entry) && PODMAN_ATTACH_ERROR.test(entry.text),
  );
  if (engine.length === 0) return snapshot;
  return {
    ...snapshot,
    entries: snapshot.entries.filter((entry) => isGap(entry) || !engine.includes(entry)),
    lines: snapshot.lines - engine.length,
    errors: [...snapshot.errors, ...engine.map((line) => line.text)],
  };
}
