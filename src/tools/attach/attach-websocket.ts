import { defineTool } from '../../mcp/define.js';
import { attachEffects, attachInput, attachOutput } from './schemas.js';
import { attachSession } from './session.js';

export const containerAttachWebsocket = defineTool({
  name: 'container_attach_websocket',
  title: 'Attach to a container over WebSocket',
  description:
    "container_attach over the engine's WebSocket endpoint, where stdout and stderr arrive merged: prefer container_attach. Podman lacks it.",
  input: attachInput,
  output: attachOutput,
  effects: attachEffects,
  run: (args, ctx) => attachSession(args, ctx, 'websocket'),
});
