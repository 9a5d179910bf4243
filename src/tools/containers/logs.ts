import { containerLogs as logsEndpoint } from '../../engine/api/output.js';
import { readOutput } from '../../engine/index.js';
import { OutputCollector } from '../../render/output/collector.js';
import { defineTool } from '../../mcp/define.js';
import { inspectTarget } from '../../containers/lookup.js';
import { linePattern } from '../../containers/pattern-input.js';
import { MAX_LINE_BYTES, MAX_LOG_LINES } from '../../containers/output.js';
import { logsAnswer, logsOutput } from './logs-answer.js';
import { logsInput } from './logs-input.js';
import { deadlineSignal } from '../../engine/deadline.js';

export const containerLogs = defineTool({
  name: 'container_logs',
  title: 'Read container logs',
  description:
    "A container's logs, like `docker logs`: both streams in order, stderr lines marked; the newest 100 lines by default. " +
    '`grep` searches the whole range on the server; `follow` collects new output for `follow_ms`. ' +
    'Bounded by max_bytes, keeping the newest lines; a cut answer gives an `until` value to page back.',
  input: logsInput,
  output: logsOutput,
  effects: { always: [], targets: { one: 'id' } },
  async run(args, ctx) {
    const { engine, signal } = ctx;
    const container = await inspectTarget(ctx, args.id);
    const tty = container.Config.Tty ?? false;
    // tail is the answer's size: the engine's tail counts raw lines before grep, and with
    // `until` it is applied before the time filter (tail=N&until=T is empty on 20.10).
    const engineTail = args.grep === undefined && args.until === undefined ? args.tail : 'all';
    const maxLines = Math.min(
      args.follow || args.tail === 'all' ? MAX_LOG_LINES : Math.max(1, args.tail),
      MAX_LOG_LINES,
    );
    const followMs = args.follow ? (args.follow_ms ?? 5000) : undefined;
    const stop = followMs === undefined ? undefined : deadlineSignal(followMs);
    const started = Date.now();
    const collector = new OutputCollector({
      maxLines,
      maxBytes: args.max_bytes,
      maxLineBytes: MAX_LINE_BYTES,
      keepAnsi: args.keep_ansi,
      timestamps: true,
      render: { timestamps: args.timestamps, markStderr: true },
      ...(args.grep !== undefined && {
        grep: {
          pattern: linePattern(args.grep, args.ignore_case),
          context: args.context,
        },
      }),
    });
    const wantsOutput = args.stdout || !tty; // a TTY's output is all on stdout
    if (wantsOutput && (args.tail !== 0 || args.follow)) {
      const response = await engine.request(logsEndpoint, {
        params: { id: container.Id },
        query: {
          stdout: args.stdout || tty,
          stderr: args.stderr,
          since: args.since?.engine,
          until: args.until?.engine,
          timestamps: true, // always: cursors are computed from them
          tail: engineTail,
          follow: args.follow,
        },
        signal,
        // A quiet container sends nothing while followed: the window ends it, idle is a backstop.
        ...(followMs !== undefined && { idleTimeoutMs: followMs + engine.idleTimeoutMs }),
      });
      const { context } = response;
      for await (const frames of readOutput(response.body, { tty, signal, stop, ...context })) {
        for (const frame of frames) collector.push(frame);
      }
    }
    return logsAnswer({
      args,
      container,
      snapshot: collector.finish(),
      engineTail,
      maxLines,
      ...(followMs !== undefined && {
        follow: { ms: Date.now() - started, windowEnded: stop?.aborted ?? false },
      }),
    });
  },
});
