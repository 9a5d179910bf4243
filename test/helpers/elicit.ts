/**
 * A real MCP client that declares form elicitation, with a scripted person: each request
 * the server sends is answered by `reply` (accept, decline, cancel, or a thrown error).
 */
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { startServer, type Session } from './mcp.js';

export interface ElicitingSession extends Session {
  /** The messages the server asked the person, in order. */
  asked: string[];
  reply: () => ElicitResult;
}

export async function startElicitingServer(args: string[]): Promise<ElicitingSession> {
  const session = await startServer({
    args,
    capabilities: { capabilities: { elicitation: { form: {} } } },
  });
  const eliciting: ElicitingSession = {
    ...session,
    asked: [],
    reply: () => ({ action: 'cancel' }),
  };
  session.client.setRequestHandler(ElicitRequestSchema, (request) => {
    eliciting.asked.push(request.params.message);
    return eliciting.reply();
  });
  return eliciting;
}
