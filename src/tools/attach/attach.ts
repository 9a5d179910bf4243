import { defineTool } from '../../mcp/define.js';
import { attachEffects, attachInput, attachOutput } from './schemas.js';
import { attachSession } from './session.js';

export const containerAttach = defineTool({
  name: 'container_attach',
  title: 'Attach to a container',
  description:
    "A bounded `docker attach`: optionally write `input` to the container's stdin, collect its output for duration_ms or up to max_bytes, then detach. " +
    'stderr lines are marked. `logs: true` replays earlier output (with stream: false, also on stopped containers). ' +
    'The answer gives the state after detaching. For past output alone, container_logs is cheaper.',
  input: attachInput,
  output: attachOutput,
  effects: attachEffects,
  run: (args, ctx) => attachSession(args, ctx, 'hijack'),
});
