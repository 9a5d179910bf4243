import { defineTool } from '../../mcp/define.js';
import {
  attachEffects,
  attachInput,
  attachOutput,
  DEFAULT_DURATION_MS,
  MAX_DURATION_MS,
} from './schemas.js';
import { attachSession } from './session.js';

export const containerAttach = defineTool({
  name: 'container_attach',
  title: 'Attach to a container',
  description:
    "Attach to a running container's stdio for a bounded session, like `docker attach` with a timer: optionally write `input` to its stdin (stdin: true; the container needs OpenStdin), " +
    `collect its output for duration_ms (default ${DEFAULT_DURATION_MS}, at most ${MAX_DURATION_MS}) or until max_bytes or the output ends, then detach. ` +
    'stdout and stderr are told apart (stderr lines marked), ANSI codes stripped. `logs: true` first replays earlier output; with stream: false it works on stopped containers too. ' +
    '`close_stdin` gives the process end-of-file after the input. The answer gives the state after detaching: still running, or the exit code. ' +
    'For past output alone, container_logs is cheaper.',
  input: attachInput,
  output: attachOutput,
  effects: attachEffects,
  run: (args, ctx) => attachSession(args, ctx, 'hijack'),
});
