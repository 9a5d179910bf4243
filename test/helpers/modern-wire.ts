/**
 * A 2026-07-28 request as a client POSTs it, built by hand: the tests that need the wire
 * itself (a request state altered or replayed, a round sent to another process) send these.
 */
export const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'wire-tests', version: '0.0.0' },
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
};

export function modernRequest(
  url: string,
  method: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): Request {
  const name = params.name;
  return new Request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': method,
      ...(typeof name === 'string' && { 'mcp-name': name }),
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method,
      params: { ...params, _meta: MODERN_META },
    }),
  });
}

/** The person's yes, as a client sends it back with the repeated call. */
export const YES = { confirm: { action: 'accept', content: { confirm: true } } };

export interface ToolRound {
  resultType?: string;
  requestState?: string;
  isError?: boolean;
  content?: { type: string; text?: string }[];
}

/** A tools/call answer's result (the JSON body of a non-streamed answer). */
export async function roundOf(response: Response): Promise<ToolRound> {
  const body = (await response.json()) as { result?: ToolRound; error?: { message: string } };
  if (!body.result) throw new Error(`no result: ${JSON.stringify(body.error)}`);
  return body.result;
}
