/**
 * A real MCP client that declares form elicitation, with a scripted person: each question
 * the server asks is answered by `reply` (accept, decline, cancel, or a thrown error). A
 * 2026-07-28 client gets the question as an input_required round and repeats the call with
 * the answer; a 2025-era one gets it pushed (elicitation/create) within the call.
 */
import type { ElicitAnswer } from './clients.js';
import { startServer, type Session, type StartOptions } from './mcp.js';

export interface ElicitingSession extends Session {
  /** The messages the server asked the person, in order. */
  asked: string[];
  reply: () => ElicitAnswer;
}

export async function startElicitingServer(
  args: string[],
  options: Omit<StartOptions, 'args' | 'capabilities'> = {},
): Promise<ElicitingSession> {
  const session = await startServer({
    ...options,
    args,
    capabilities: { elicitation: { form: {} } },
  });
  const eliciting: ElicitingSession = {
    ...session,
    asked: [],
    reply: () => ({ action: 'cancel' }),
  };
  session.client.onElicit((message) => {
    eliciting.asked.push(message);
    return eliciting.reply();
  });
  return eliciting;
}
