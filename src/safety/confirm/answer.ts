/**
 * What a guarded call answers instead of running: the preview, and how to go ahead. The
 * structured form is what a program reads; its schema joins the tool's own output schema.
 */
import { z } from 'zod';
import type { ToolAnswer } from '../../mcp/define.js';
import type { Issued } from './token.js';

export const confirmationOutput = z.object({
  confirmation_required: z.literal(true),
  tool: z.string(),
  preview: z.string().describe('What the call would do, computed by the server from the engine'),
  token: z
    .string()
    .describe('Repeat the same call with this as `confirm` to go ahead (once, before expires_at)'),
  expires_at: z.string().describe('ISO 8601'),
  refused: z.string().optional().describe('Why the confirm token that was given did not count'),
});
export type ConfirmationData = z.output<typeof confirmationOutput>;

const NOT_RUN = (tool: string) => `${tool} was NOT run; nothing was changed.`;

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
      'Unless the user asked for exactly this, show them the preview and ask first.',
  ].join('\n');
  return {
    isError: true,
    text,
    data: {
      confirmation_required: true,
      tool,
      preview,
      token: issued.token,
      expires_at: expiresAt,
      ...(refused !== undefined && { refused }),
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
