import { defineTool } from '../../mcp/define.js';
import { attachEffects, attachInput, attachOutput } from './schemas.js';
import { attachSession } from './session.js';

export const containerAttach = defineTool({
  name: 'container_attach',
  title: 'Attach to a container',
  description:
    'A bounded `docker attach`: write `input` to stdin, collect output for duration_ms or up to max_bytes, detach; stderr lines marked; the state after. ' +
    '`logs: true` replays earlier output. For past output alone, container_logs is cheaper.',
  input: attachInput,
  output: attachOutput,
  effects: attachEffects,
  run: (args, ctx) => attachSession(args, ctx, 'hijack'),
});
