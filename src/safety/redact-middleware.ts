/**
 * Redaction as an answer transformation: tools return what the engine says, and this
 * rewrites secrets (./redact.ts) in the text, the structured content, any text blocks after
 * them, and the message of an error the call throws (an engine error can quote a body). It
 * sits innermost (next to the tool) so that it never touches what the layers around the
 * tool add, such as a confirmation token. File contents are left alone: they are data a
 * caller may write back, and a rewritten value would corrupt them (see README, Policy).
 */
import { EngineError, rewordEngineError } from '../engine/index.js';
import type { ToolAnswer } from '../mcp/define.js';
import type { ToolMiddleware } from '../mcp/middleware.js';
import { redactText, redactValue } from './redact.js';

export const redactMiddleware: ToolMiddleware = async (call, next) => {
  let answer: ToolAnswer;
  try {
    answer = await next();
  } catch (error) {
    if (error instanceof EngineError) throw rewordEngineError(error, redactText(error.message));
    if (error instanceof Error) error.message = redactText(error.message);
    throw error;
  }
  return call.tool.effects.answersFileBytes ? answer : redactAnswer(answer);
};

export function redactAnswer(answer: ToolAnswer): ToolAnswer {
  return {
    ...answer,
    text: redactText(answer.text),
    ...(answer.data !== undefined && { data: redactValue(answer.data) }),
    ...(answer.content && {
      content: answer.content.map((block) =>
        block.type === 'text' ? { ...block, text: redactText(block.text) } : block,
      ),
    }),
  };
}
