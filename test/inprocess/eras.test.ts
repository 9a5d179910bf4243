/**
 * Both protocol eras against one prepared server, in this process: the same tools, the same
 * answers, the 2026-07-28 surface (server/discover, cache hints, the version error), and the
 * confirmation as input_required rounds, over the scripted engine (no build, no engine).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcess, prepare, type InProcess } from '../helpers/inprocess.js';
import { startScriptedEngine, type ScriptedEngine } from '../helpers/scripted-engine.js';

let engine: ScriptedEngine;
let server: InProcess;
const secret = randomBytes(16).toString('hex');
const store = join(mkdtempSync(join(tmpdir(), 'cmcp-inprocess-')), 'store');
const ENV = { CONTAINER_MCP_CONFIRM_SECRET: secret };
const ARGS = ['--confirm-store', store];

beforeAll(async () => {
  engine = await startScriptedEngine();
  server = inProcess(prepare(engine.url, ARGS, ENV));
});
afterEach(() => {
  engine.revive();
  server.asked.splice(0);
  server.reply = () => ({ action: 'accept', content: { confirm: true } });
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

type Result = { content: { type: string; text?: string }[]; structuredContent?: unknown };
const textOf = (result: unknown) => (result as Result).content[0]?.text ?? '';

describe('one server, both eras', () => {
  it('lists the same tools, with the same schemas, to both', async () => {
    const legacy = await (await server.legacy()).listTools();
    const modern = await (await server.modern()).listTools();
    expect(modern.tools).toEqual(legacy.tools);
    expect(modern.tools.length).toBeGreaterThan(20);
  });

  it('answers the same call the same way, text and structured, in both', async () => {
    const legacy = await server.legacy();
    const modern = await server.modern();
    for (const [name, args] of [
      ['container_list', {}],
      ['container_inspect', { id: 'web' }],
    ] as const) {
      const a = (await legacy.callTool({ name, arguments: args })) as Result;
      const b = (await modern.callTool({ name, arguments: args })) as Result;
      expect(b.content).toEqual(a.content);
      expect(b.structuredContent).toEqual(a.structuredContent);
      expect(textOf(a)).toMatch(/web/);
    }
  });

  it('tells a 2026-07-28 client that the tool list and templates are fixed (cache hints)', async () => {
    for (const [method, key] of [
      ['tools/list', 'tools'],
      ['resources/templates/list', 'resourceTemplates'],
    ] as const) {
      const answer = (await (await server.post(method, {})).json()) as {
        result: Record<string, unknown>;
      };
      expect(answer.result).toMatchObject({ ttlMs: 3_600_000, cacheScope: 'public' });
      expect(answer.result[key]).toBeInstanceOf(Array);
    }
    // Containers come and go: their list is not cached.
    const roots = (await (await server.post('resources/list', {})).json()) as {
      result: Record<string, unknown>;
    };
    expect(roots.result.ttlMs ?? 0).toBe(0);
  });

  it('answers server/discover and names itself in every result', async () => {
    const discover = (await (await server.post('server/discover', {})).json()) as {
      result: { supportedVersions: string[]; serverInfo?: { name: string } };
    };
    expect(discover.result.supportedVersions).toContain('2026-07-28');
    const listed = (await (await server.post('tools/list', {})).json()) as {
      result: { _meta: Record<string, { name: string }> };
    };
    expect(listed.result._meta['io.modelcontextprotocol/serverInfo']?.name).toBe('container-mcp');
  });

  it('refuses an unknown revision, naming the ones it speaks', async () => {
    const answer = await server.handler.fetch(
      new Request('http://in.process/mcp', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2099-01-01',
          'mcp-method': 'tools/list',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: {
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2099-01-01',
              'io.modelcontextprotocol/clientCapabilities': {},
            },
          },
        }),
      }),
    );
    const body = (await answer.json()) as { error: { data: { supported: string[] } } };
    expect(body.error.data.supported).toContain('2026-07-28');
  });
});

describe('confirmation rounds', () => {
  it('a 2026-07-28 client is asked in a round, and the kill runs once on the yes', async () => {
    const client = await server.modern({ elicit: true });
    const answer = await client.callTool({ name: 'container_kill', arguments: { id: 'web' } });
    expect(server.asked).toHaveLength(1);
    expect(server.asked[0]).toMatch(
      /container_kill \(Send a signal to a container\)\.\nIt would: Send SIGKILL \(9\) to web/,
    );
    expect(answer.isError).toBeFalsy();
    expect(engine.kills()).toBe(1);
  });

  it('a 2026-07-28 client that declines changes nothing', async () => {
    const client = await server.modern({ elicit: true });
    server.reply = () => ({ action: 'decline' });
    const answer = await client.callTool({ name: 'container_kill', arguments: { id: 'web' } });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toMatch(/NOT run.*Not confirmed: the user declined/);
    expect(engine.kills()).toBe(0);
  });

  it('a 2025 client is asked through its session (the same rounds, run by the SDK)', async () => {
    const client = await server.legacy({ elicit: true });
    const answer = await client.callTool({ name: 'container_kill', arguments: { id: 'web' } });
    expect(server.asked).toHaveLength(1);
    expect(answer.isError).toBeFalsy();
    expect(engine.kills()).toBe(1);
  });

  it('a client that cannot ask gets a token, and the repeated call with it runs', async () => {
    for (const client of [await server.modern(), await server.legacy()]) {
      engine.revive();
      const before = 0;
      const first = (await client.callTool({
        name: 'container_kill',
        arguments: { id: 'web' },
      })) as Result & { structuredContent: { token: string } };
      expect(textOf(first)).toMatch(/NOT run/);
      expect(engine.kills()).toBe(before);
      const token = first.structuredContent.token;
      const second = await client.callTool({
        name: 'container_kill',
        arguments: { id: 'web', confirm: token },
      });
      expect(second.isError).toBeFalsy();
      expect(engine.kills()).toBe(before + 1);
    }
  });

  it('a request state that was altered, replayed or carried to another call changes nothing', async () => {
    const ask = async () => {
      const first = (await (
        await server.post('tools/call', { name: 'container_kill', arguments: { id: 'web' } })
      ).json()) as { result: { resultType: string; requestState: string } };
      expect(first.result.resultType).toBe('input_required');
      return first.result.requestState;
    };
    const yes = { confirm: { action: 'accept', content: { confirm: true } } };
    const retry = async (args: Record<string, unknown>, requestState: string) =>
      (await (
        await server.post('tools/call', {
          name: 'container_kill',
          arguments: args,
          inputResponses: yes,
          requestState,
        })
      ).json()) as { result: Result & { isError?: boolean } };
    const state = await ask();
    const altered = `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(textOf((await retry({ id: 'web' }, altered)).result)).toMatch(
      /request state that does not confirm this call: it was not issued with this server's secret/,
    );
    expect(textOf((await retry({ id: 'web', signal: 'SIGTERM' }, state)).result)).toMatch(
      /issued for other arguments/,
    );
    expect(engine.kills()).toBe(0);
    expect((await retry({ id: 'web' }, state)).result.isError).toBeFalsy();
    expect(engine.kills()).toBe(1);
    engine.revive();
    // Another process with the same key and store: the state was used.
    const other = inProcess(prepare(engine.url, ARGS, ENV));
    try {
      const replayed = (await (
        await other.post('tools/call', {
          name: 'container_kill',
          arguments: { id: 'web' },
          inputResponses: yes,
          requestState: state,
        })
      ).json()) as { result: Result };
      expect(textOf(replayed.result)).toMatch(/already used/);
    } finally {
      await other.close();
    }
    expect(engine.kills()).toBe(0);
  });
});

describe('several engines: the engine is part of what is confirmed', () => {
  it('names the engine in the question and the preview, and refuses a confirmation on another', async () => {
    const two = inProcess(
      prepare(
        undefined,
        ['--engine', `dev=${engine.url}`, '--engine', `prod=${engine.url}`, ...ARGS],
        ENV,
      ),
    );
    try {
      const asking = await two.modern({ elicit: true });
      two.reply = () => ({ action: 'decline' });
      await asking.callTool({ name: 'container_kill', arguments: { id: 'web', engine: 'prod' } });
      expect(two.asked[0]).toMatch(/It would: On engine "prod": Send SIGKILL/);
      const client = await two.modern();
      const onDev = (await client.callTool({
        name: 'container_kill',
        arguments: { id: 'web', engine: 'dev' },
      })) as Result & { structuredContent: { token: string; preview: string } };
      expect(onDev.structuredContent.preview).toMatch(/^On engine "dev": /);
      const onProd = (await client.callTool({
        name: 'container_kill',
        arguments: { id: 'web', engine: 'prod', confirm: onDev.structuredContent.token },
      })) as Result & { structuredContent: { refused: string } };
      expect(onProd.structuredContent.refused).toMatch(
        /issued for the same call on another engine/,
      );
      expect(engine.kills()).toBe(0);
    } finally {
      await two.close();
    }
  });

  it('keeps the confirmation in the output schema of a tool that runs on every engine', () => {
    const two = prepare(undefined, [
      '--engine',
      `dev=${engine.url}`,
      '--engine',
      `prod=${engine.url}`,
      '--confirm',
      'container_list',
    ]);
    const list = two.listing.find((tool) => tool.name === 'container_list');
    expect(JSON.stringify(list?.outputSchema)).toContain('confirmation_required');
    expect(JSON.stringify(list?.inputSchema)).toContain('"confirm"');
    void two.host.engines.close();
  });
});
