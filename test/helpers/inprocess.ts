/**
 * The in-process tier's server: the real prepared table and pipeline (src/server/), built
 * in this process on the SDK's own in-process entries, no build and no engine needed:
 * - legacy: a server connected to the SDK's in-memory transport, a 2025-era client on the
 *   other end (the 1.x SDK's Client, as legacy clients are);
 * - modern: the SDK's per-request HTTP handler (createMcpHandler) driven through its fetch
 *   function by the v2 Client pinned to 2026-07-28, as the SDK's testing guide does.
 */
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  createMcpHandler,
  InMemoryTransport,
  type AuthInfo,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import { parseCommandLine } from '../../src/cli/parse.js';
import { createEngines } from '../../src/cli/engines.js';
import { EngineRegistry } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { buildServer } from '../../src/server/build.js';
import { prepareServer, type Prepared } from '../../src/server/table.js';
import type { ElicitAnswer } from './clients.js';
import { modernRequest } from './modern-wire.js';

export interface InProcess {
  prepared: Prepared;
  handler: McpHttpHandler;
  /** The questions clients were asked, in order. */
  asked: string[];
  /** What the person answers (default: yes). */
  reply: () => ElicitAnswer;
  legacy(options?: { elicit?: boolean }): Promise<LegacyClient>;
  modern(options?: { elicit?: boolean; authInfo?: AuthInfo }): Promise<Client>;
  /** A raw 2026-07-28 request to the handler, as a client would POST it. */
  post(method: string, params: Record<string, unknown>, authInfo?: AuthInfo): Promise<Response>;
  close(): Promise<void>;
}

export const BEARER: AuthInfo = { token: '', clientId: 'token-test', scopes: [] };
const INFO = { name: 'inprocess-tests', version: '0.0.0' };
const ELICIT = { elicitation: { form: {} } };

/**
 * The server as `container-mcp ARGS` would build it, against the engine at `host` (or the
 * engines ARGS name, with `host` undefined).
 */
export function prepare(
  host: string | undefined,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Prepared {
  const { config } = parseCommandLine([...(host ? ['--host', host] : []), ...args], env);
  const engines = new EngineRegistry(createEngines(config));
  return prepareServer({ config, engines, log: silentLogger });
}

export function inProcess(prepared: Prepared): InProcess {
  const handler = createMcpHandler(({ authInfo }) =>
    buildServer(prepared, authInfo ? { authInfo } : {}),
  );
  const open: { close(): Promise<void> }[] = [];
  const self: InProcess = {
    prepared,
    handler,
    asked: [],
    reply: () => ({ action: 'accept', content: { confirm: true } }),
    async legacy({ elicit = false } = {}) {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const server = buildServer(prepared);
      await server.connect(serverSide);
      const client = new LegacyClient(INFO, { capabilities: elicit ? ELICIT : {} });
      if (elicit)
        client.setRequestHandler(ElicitRequestSchema, (request) => {
          self.asked.push(request.params.message);
          return self.reply() as never;
        });
      await client.connect(clientSide);
      open.push(client, server);
      return client;
    },
    async modern({ elicit = false, authInfo = BEARER } = {}) {
      const transport = new StreamableHTTPClientTransport(new URL('http://in.process/mcp'), {
        fetch: (url, init) => handler.fetch(new Request(url, init), { authInfo }),
      });
      const client = new Client(INFO, {
        versionNegotiation: { mode: { pin: '2026-07-28' } },
        capabilities: elicit ? ELICIT : {},
      });
      if (elicit)
        client.setRequestHandler('elicitation/create', (request) => {
          self.asked.push(request.params.message);
          return self.reply() as never;
        });
      await client.connect(transport);
      open.push(client);
      return client;
    },
    post(method, params, authInfo = BEARER) {
      return handler.fetch(modernRequest('http://in.process/mcp', method, params), { authInfo });
    },
    async close() {
      await Promise.all(open.splice(0).map((item) => item.close().catch(() => undefined)));
      await handler.close();
      await prepared.host.engines.close();
    },
  };
  return self;
}
