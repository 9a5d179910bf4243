/**
 * Real MCP clients of both protocol eras, behind one face the tests use:
 * - modern: the SDK's v2 Client, pinned to 2026-07-28 (server/discover, no handshake,
 *   input_required rounds fulfilled by the client), as Claude Code 2.1 speaks first;
 * - legacy: the 1.x SDK's Client (initialize, 2025-11-25, pushed elicitation), as the
 *   clients that fall back, or never learned 2026-07-28, speak.
 * CONTAINER_MCP_TEST_ERA picks the era of every test that does not name one (default
 * modern); `npm run test:legacy` runs the engine tiers again with the legacy client.
 */
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as LegacyHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  ElicitRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export type Era = 'modern' | 'legacy';

export const TEST_ERA: Era = process.env.CONTAINER_MCP_TEST_ERA === 'legacy' ? 'legacy' : 'modern';

export const MODERN = '2026-07-28';

/** What the tests call on a client, whichever era it speaks (the two SDKs agree on these). */
export type TestClient = Pick<
  LegacyClient,
  | 'listTools'
  | 'callTool'
  | 'readResource'
  | 'complete'
  | 'listResources'
  | 'listResourceTemplates'
  | 'listPrompts'
  | 'getPrompt'
  | 'close'
> & {
  onerror?: (error: Error) => void;
  /** The server still answers: ping (2025), a small list past the cache (2026-07-28 has no ping). */
  ping(): Promise<unknown>;
  /** tools/call with any params at all, as a broken or hostile client would send them. */
  callRaw(params: unknown): Promise<CallToolResult>;
  /** The protocol revision this connection speaks. */
  protocolVersion(): string | undefined;
  /** The server's process, when this client spawned it (stdio). */
  pid?: number;
  /** Answer the server's questions to the person (form elicitation). */
  onElicit(answer: (message: string) => ElicitAnswer | Promise<ElicitAnswer>): void;
};

export interface ElicitAnswer {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean | string[]>;
}

export interface ClientOptions {
  era?: Era;
  /** The client's capabilities (form elicitation, ...). */
  capabilities?: Record<string, unknown>;
}

const INFO = { name: 'container-mcp-tests', version: '0.0.0' };

/**
 * The SDK's stdio transport runs the modern probe in a sibling process (some servers exit on
 * a request before initialize); a subclass probes on the one connection, as Claude Code
 * does, so a test starts one server, not two.
 */
class OneProcessStdio extends StdioClientTransport {}

export interface StdioSpawn {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** The server's working directory (clients start servers in the project's folder). */
  cwd?: string;
}

/** Spawn the server and connect over stdio; `stderr` receives what the server logs. */
export async function connectStdio(
  spawn: StdioSpawn,
  options: ClientOptions,
  stderr: (chunk: string) => void,
): Promise<TestClient> {
  const era = options.era ?? TEST_ERA;
  const params = { ...spawn, stderr: 'pipe' as const };
  const transport = era === 'legacy' ? new LegacyStdio(params) : new OneProcessStdio(params);
  transport.stderr?.on('data', (chunk: Buffer) => stderr(chunk.toString('utf8')));
  const client =
    transport instanceof LegacyStdio
      ? await legacy(transport, options)
      : await modern(transport, options);
  return Object.assign(client, { pid: transport.pid ?? undefined });
}

/** Connect over Streamable HTTP with a bearer token. */
export function connectHttpClient(
  url: string,
  token: string,
  options: ClientOptions & { fetch?: typeof fetch } = {},
): Promise<TestClient> {
  const init = {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    ...(options.fetch && { fetch: options.fetch }),
  };
  return (options.era ?? TEST_ERA) === 'legacy'
    ? legacy(new LegacyHttp(new URL(url), init), options)
    : modern(new StreamableHTTPClientTransport(new URL(url), init), options);
}

async function legacy(
  transport: LegacyStdio | LegacyHttp,
  options: ClientOptions,
): Promise<TestClient> {
  const client = new LegacyClient(INFO, {
    capabilities: options.capabilities ?? {},
  });
  await client.connect(transport);
  return Object.assign(client, {
    callRaw: (params: unknown) =>
      client.request({ method: 'tools/call', params: params as never }, CallToolResultSchema),
    protocolVersion: () =>
      transport instanceof LegacyHttp ? transport.protocolVersion : '2025-11-25',
    onElicit(answer: (message: string) => ElicitAnswer | Promise<ElicitAnswer>) {
      client.setRequestHandler(
        ElicitRequestSchema,
        async (request) => (await answer(request.params.message)) as never,
      );
    },
  });
}

async function modern(
  transport: StdioClientTransport | StreamableHTTPClientTransport,
  options: ClientOptions,
): Promise<TestClient> {
  const client = new Client(INFO, {
    versionNegotiation: { mode: { pin: MODERN } },
    capabilities: options.capabilities ?? {},
  });
  await client.connect(transport);
  const callTool = client.callTool.bind(client);
  const face = Object.assign(client, {
    // The 1.x signature the tests use: (params, resultSchema, options); v2 takes (params, options).
    callTool: (
      params: Parameters<typeof callTool>[0],
      _schema?: unknown,
      options?: Parameters<typeof callTool>[1],
    ) => callTool(params, options),
    ping: () => client.listResourceTemplates(undefined, { cacheMode: 'bypass' }),
    callRaw: (params: unknown) =>
      client.request({ method: 'tools/call', params: params as never }) as Promise<CallToolResult>,
    protocolVersion: () => client.getNegotiatedProtocolVersion(),
    onElicit(answer: (message: string) => ElicitAnswer | Promise<ElicitAnswer>) {
      client.setRequestHandler(
        'elicitation/create',
        async (request) => (await answer(request.params.message)) as never,
      );
    },
  });
  return face as unknown as TestClient;
}

/** A JSON-RPC error as either SDK's client throws it (McpError, ProtocolError). */
export interface WireError {
  code: number;
  message: string;
  data?: unknown;
}

/** The error a request was answered with; fails the test when it succeeded or threw another way. */
export async function wireError(request: Promise<unknown>): Promise<WireError> {
  const error: unknown = await request.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'number')
    throw new Error(
      `expected a JSON-RPC error, got ${error === undefined ? 'a result' : JSON.stringify(error)}`,
    );
  return error as WireError;
}

/** "Not found" as the SDK sends it in both eras: -32602, with the URI in data (-32002 before). */
export const RESOURCE_NOT_FOUND = -32602;
