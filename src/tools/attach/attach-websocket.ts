import { defineTool } from '../../mcp/define.js';
import { attachEffects, attachInput, attachOutput } from './schemas.js';
import { attachSession } from './session.js';

export const containerAttachWebsocket = defineTool({
  name: 'container_attach_websocket',
  title: 'Attach to a container over WebSocket',
  description:
    "The same bounded session as container_attach (input, duration_ms, max_bytes, close_stdin, logs replay, state after detaching), over the engine's WebSocket endpoint. " +
    'There stdout and stderr arrive merged and cannot be told apart: prefer container_attach unless the WebSocket path itself matters. ' +
    'Some engines (Podman) do not have this endpoint and say so.',
  input: attachInput,
  output: attachOutput,
  effects: attachEffects,
  run: (args, ctx) => attachSession(args, ctx, 'websocket'),
});
