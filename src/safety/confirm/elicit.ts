/**
 * Asking the person through the client (form elicitation), when the client declared it.
 * Only `accept` with `confirm: true` is a yes; anything else, including a timeout or a
 * transport error, is a no.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';

/** A person reads the preview and decides: give them time. */
export const ELICIT_TIMEOUT_MS = 10 * 60_000;

export type Decision = { yes: true } | { yes: false; why: string };

export interface Asker {
  canAsk(): boolean;
  ask(message: string, signal: AbortSignal, requestId?: string | number): Promise<Decision>;
}

export function elicitationAsker(server: Server): Asker {
  return {
    canAsk: () => server.getClientCapabilities()?.elicitation?.form !== undefined,
    async ask(message, signal, requestId) {
      let result;
      try {
        result = await server.elicitInput(
          {
            mode: 'form',
            message,
            requestedSchema: {
              type: 'object',
              properties: {
                confirm: {
                  type: 'boolean',
                  title: 'Go ahead',
                  description: 'Check to let the assistant do this',
                },
              },
              required: ['confirm'],
            },
          },
          {
            timeout: ELICIT_TIMEOUT_MS,
            signal,
            ...(requestId !== undefined && { relatedRequestId: requestId }),
          },
        );
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { yes: false, why: `asking the user failed (${detail})` };
      }
      if (result.action === 'decline') return { yes: false, why: 'the user declined' };
      if (result.action === 'cancel') return { yes: false, why: 'the user cancelled' };
      if (result.content?.confirm !== true)
        return { yes: false, why: 'the user did not check "Go ahead"' };
      return { yes: true };
    },
  };
}
