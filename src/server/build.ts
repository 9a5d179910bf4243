/**
 * One protocol server from the prepared table (./table.ts): for a stdio connection, a 2025
 * HTTP session, or a single 2026-07-28 HTTP request. Both protocol eras get the same
 * handlers, so the same call gives the same answer; the SDK speaks each era's wire.
 *
 * The handlers are ours, on the low-level Server, not McpServer's registerTool: we want our
 * own validation messages (field, fix, nearest name) and one wrapper for every call.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  Server,
  type AuthInfo,
  type ClientCapabilities,
  type McpRequestContext,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { callTool, malformedCall } from '../mcp/call.js';
import type { CallRequest, ClientView, Era } from '../mcp/request.js';
import { completionOf, registerResourceHandlers } from '../resources/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { Prepared } from './table.js';

/**
 * What a 2026-07-28 client may cache: the tool and prompt lists and the resource templates
 * are fixed for the life of the process (flags decide them at start-up), and are the same
 * for every caller. An hour, not a day: a restart with other flags is seen within it.
 */
const FIXED_FOR_THE_PROCESS = { ttlMs: 3_600_000, cacheScope: 'public' } as const;

export interface BuildOptions {
  /** --stateless over HTTP: a 2025-era client has no session (nobody can be asked). */
  stateless?: boolean;
}

export function buildServer(
  prepared: Prepared,
  context: Partial<McpRequestContext> = {},
  options: BuildOptions = {},
): Server {
  const server = new ToolServer(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION, title: 'Docker containers' },
    {
      capabilities: {
        tools: { listChanged: false },
        // 2026-07-28 clients can listen for container changes (./changes.ts); a 2025-era
        // client gets no subscriptions (it never hears unsolicited change notifications).
        resources:
          context.era === 'modern'
            ? { listChanged: true, subscribe: true }
            : { listChanged: false },
        prompts: { listChanged: false },
        completions: {},
      },
      instructions: prepared.instructions,
      cacheHints: {
        'tools/list': FIXED_FOR_THE_PROCESS,
        'prompts/list': FIXED_FOR_THE_PROCESS,
        'resources/templates/list': FIXED_FOR_THE_PROCESS,
      },
    },
  );
  server.setRequestHandler('tools/list', () => ({ tools: prepared.listing }));
  server.setRequestHandler('tools/call', (request, ctx) =>
    callTool(
      prepared.host,
      request.params.name,
      request.params.arguments,
      callRequest(server, ctx, context.authInfo, options),
    ),
  );
  registerResourceHandlers(server, prepared.resources);
  const { prompts, resources } = prepared;
  server.setRequestHandler('prompts/list', () => ({ prompts: prompts.listing }));
  server.setRequestHandler('prompts/get', (request) =>
    prompts.get(request.params.name, request.params.arguments ?? {}),
  );
  server.setRequestHandler('completion/complete', async (request) => {
    const { ref, argument, context } = request.params;
    if (ref.type === 'ref/prompt') {
      const values = await prompts.complete(ref.name, argument.name, argument.value);
      return completionOf(values);
    }
    return resources.complete(ref.uri, argument.name, argument.value, context?.arguments ?? {});
  });
  return server;
}

/**
 * The SDK's Server, but a tools/call whose name or arguments have the wrong JSON type is
 * answered by our wrapper in words (as every other bad call is), before the SDK's request
 * check would answer it with its validator's dump. Every well-formed call takes the SDK's
 * own path (its input_required handling included).
 */
class ToolServer extends Server {
  protected override _wrapHandler(
    method: string,
    handler: Parameters<Server['_wrapHandler']>[1],
  ): ReturnType<Server['_wrapHandler']> {
    const wrapped = super._wrapHandler(method, handler);
    if (method !== 'tools/call') return wrapped;
    return (request, ctx) => {
      const params = (request.params ?? {}) as { name?: unknown; arguments?: unknown };
      const malformed = malformedCall(params.name, params.arguments);
      if (malformed) return Promise.resolve(malformed);
      // `arguments: null` means none, as before; the SDK's check would refuse it.
      if (params.arguments === null)
        return wrapped({ ...request, params: { ...request.params, arguments: undefined } }, ctx);
      return wrapped(request, ctx);
    };
  }
}

function callRequest(
  server: Server,
  ctx: ServerContext,
  authInfo: AuthInfo | undefined,
  options: BuildOptions,
): CallRequest {
  const token = ctx.mcpReq._meta?.progressToken;
  const state = ctx.mcpReq.requestState();
  return {
    signal: ctx.mcpReq.signal,
    client: clientView(server, ctx, authInfo, options),
    round: {
      ...(typeof state === 'string' && { state }),
      ...(ctx.mcpReq.inputResponses && { responses: ctx.mcpReq.inputResponses }),
    },
    ...(token !== undefined && {
      progress: (progress, total, message) =>
        ctx.mcpReq.notify({
          method: 'notifications/progress',
          params: {
            progressToken: token,
            progress,
            ...(total !== undefined && { total }),
            ...(message !== undefined && { message }),
          },
        }),
    }),
  };
}

/**
 * The caller as this request shows it: a 2026-07-28 request carries the client's
 * capabilities itself; a 2025-era one has them from its initialize (none for a
 * per-request server: nobody could be asked there).
 */
function clientView(
  server: Server,
  ctx: ServerContext,
  authInfo: AuthInfo | undefined,
  options: BuildOptions,
): ClientView {
  // The SDK types the envelope's wire keys as hidden; their values are the spec's.
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const era: Era = envelope === undefined ? 'legacy' : 'modern';
  const capabilities =
    era === 'modern'
      ? (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined)
      : server.getClientCapabilities();
  const principal = [
    authInfo?.clientId && `bearer:${authInfo.clientId}`,
    era === 'legacy' && ctx.sessionId && `session:${ctx.sessionId}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    era,
    canElicit: formElicitation(capabilities),
    principal,
    ...(era === 'legacy' && ctx.sessionId !== undefined && { sessionId: ctx.sessionId }),
    sessionless: era === 'legacy' && options.stateless === true,
  };
}

/** Form elicitation: declared as `form`, or an empty `elicitation` object (form is its default). */
function formElicitation(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  if (elicitation === undefined) return false;
  return elicitation.form !== undefined || Object.keys(elicitation).length === 0;
}
