/** The answer a guarded call gives first (a preview and a token), checked and typed for a test. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { textOf } from './mcp.js';

export interface Confirmation {
  confirmation_required: true;
  tool: string;
  preview: string;
  token: string;
  expires_at: string;
  refused?: string;
}

/** An error answer carrying the confirmation: its preview and token, in both forms. */
export function confirmationOf(result: CallToolResult): Confirmation {
  expect(result.isError, textOf(result)).toBe(true);
  const data = result.structuredContent as unknown as Confirmation;
  expect(data).toMatchObject({ confirmation_required: true, token: expect.any(String) });
  expect(textOf(result)).toContain(`"confirm": "${data.token}"`);
  return data;
}
