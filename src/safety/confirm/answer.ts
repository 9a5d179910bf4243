/**
 * What a guarded call answers instead of running: the preview, and how to go ahead. Some
 * clients show the model only the structured form (Claude Code, Codex, VS Code), others only
 * the text (Gemini CLI): each says on its own that nothing was done, to show the user the
 * preview first, and how to go ahead. Its schema joins the tool's own output schema.
 */
import { z } from 'zod';
import type { PersonAsked, ToolAnswer } from '../../mcp/define.js';
import type { Issued } from './token.js';

export const confirmationOutput = z.object({
  confirmation_required: z.literal(true),
  tool: z.string(),
  done: z.string().describe('What this call did: nothing'),
  refused: z.string().optional().describe('Why the confirm token that was given did not count'),
  preview: z.string().describe('What the call would do, computed by the server from the engine'),
  next: z.string().describe('Ask the user first, then how to go ahead'),
  token: z
    .string()
    .describe('Repeat the same call with this as `confirm` to go ahead (once, before expires_at)'),
  expires_at: z.string().describe('ISO 8601'),
});
export type ConfirmationData = z.output<typeof confirmationOutput>;

const NOT_RUN = (tool: string) => `${tool} was NOT run; nothing was changed.`;
const ASK_FIRST = 'Unless the user asked for exactly this, show them the preview and ask first.';

export function tokenAnswer(
  tool: string,
  preview: string,
  issued: Issued,
  refused?: string,
): ToolAnswer<ConfirmationData> {
  const expiresAt = new Date(issued.expiresAt).toISOString();
  const text = [
    refused
      ? `${NOT_RUN(tool)} The confirm token was refused: ${refused}. Here is the preview as it is now, with a new token.`
      : `${NOT_RUN(tool)} It needs a confirmation first.`,
    `It would: ${preview}`,
    `To go ahead, call ${tool} again with the same arguments plus "confirm": "${issued.token}" (valid once, until ${expiresAt}). ` +
      ASK_FIRST,
  ].join('\n');
  return {
    isError: true,
    text,
    data: {
      confirmation_required: true,
      tool,
      done: `${NOT_RUN(tool)} It needs a confirmation first.`,
      ...(refused !== undefined && { refused }),
      preview,
      next: `${ASK_FIRST} To go ahead, call ${tool} again with the same arguments plus "confirm": the token below (valid once, until expires_at).`,
      token: issued.token,
      expires_at: expiresAt,
    },
  };
}

export function deniedAnswer(
  tool: string,
  preview: string,
  why = 'no elicitation support; the server runs with --confirm-fallback deny',
): ToolAnswer {
  return {
    isError: true,
    text:
      `${NOT_RUN(tool)} It needs a confirmation from the user, and this client cannot ask for one ` +
      `(${why}).\n` +
      `It would have: ${preview}\nNext: do it yourself outside this assistant, or use a client that can ask.`,
  };
}

export function notConfirmedAnswer(tool: string, why: string): ToolAnswer {
  return { isError: true, text: `${NOT_RUN(tool)} Not confirmed: ${why}.` };
}

export function changedAnswer(tool: string, preview: string): ToolAnswer {
  return {
    isError: true,
    text:
      `${NOT_RUN(tool)} What it would do changed while the user was deciding, so the answer does not apply.\n` +
      `Now it would: ${preview}\nCall it again to ask again.`,
  };
}

/** The answer came back with a request state this server does not accept for this call. */
export function stateRefusedAnswer(tool: string, why: string): ToolAnswer {
  return {
    isError: true,
    text: `${NOT_RUN(tool)} The user's answer came back with a request state that does not confirm this call: ${why}. Call it again to ask again.`,
  };
}

/** The form the person answers: one box to check. */
const GO_AHEAD: PersonAsked['form'] = {
  type: 'object',
  properties: {
    confirm: {
      type: 'boolean',
      title: 'Go ahead',
      description: 'Check to let the assistant do this',
    },
  },
  required: ['confirm'],
};

/** A round that asks the person; the client repeats the call with the answer and `state`. */
export function askAnswer(tool: string, question: string, state: string): ToolAnswer {
  return {
    text: `${NOT_RUN(tool)} Waiting for the user's answer to: ${question}`,
    ask: { message: question, form: GO_AHEAD, state },
  };
}

export type Decision = { yes: true } | { yes: false; why: string };

/**
 * What the person answered (the client's `inputResponses`, untrusted): only an accepted
 * form with the box checked is a yes.
 */
export function personsAnswer(responses: Readonly<Record<string, unknown>> | undefined): Decision {
  const reply = responses?.confirm;
  if (typeof reply !== 'object' || reply === null)
    return { yes: false, why: 'the client sent no answer from the user' };
  const { action, content } = reply as { action?: unknown; content?: unknown };
  if (action === 'decline') return { yes: false, why: 'the user declined' };
  if (action === 'cancel') return { yes: false, why: 'the user cancelled' };
  if (action !== 'accept') return { yes: false, why: 'the client sent no answer from the user' };
  const checked = (content as { confirm?: unknown } | undefined)?.confirm === true;
  return checked ? { yes: true } : { yes: false, why: 'the user did not check "Go ahead"' };
}
