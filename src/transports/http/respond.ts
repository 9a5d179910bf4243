/** Answers the HTTP layer writes itself, shaped as the SDK's transport shapes its own. */
import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes the transport uses (the SDK's: -32000 generic, -32001 no session). */
export const SERVER_ERROR = -32000;
export const SESSION_NOT_FOUND = -32001;
export const PARSE_ERROR = -32700;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A JSON-RPC error with no id: the request was refused before any message was read. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  options: { code?: number; headers?: Record<string, string> } = {},
): void {
  sendJson(
    res,
    status,
    { jsonrpc: '2.0', error: { code: options.code ?? SERVER_ERROR, message }, id: null },
    options.headers,
  );
}
