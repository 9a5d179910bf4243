/**
 * Container changes pushed to 2026-07-28 clients over subscriptions/listen, stdio and HTTP:
 * a listening client hears that a container it subscribed to died, and that the container
 * list changed, without polling; under --scope-label it hears nothing of containers outside
 * the scope. A 2025-era client is offered no subscriptions.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import { connectStdio } from '../helpers/clients.js';
import { createContainer, docker, FILE_LABEL, removeTestContainers } from '../helpers/docker.js';
import { startHttpServer, type HttpServer } from '../helpers/http.js';
import { startEngineProxy } from '../helpers/engine-proxy.js';
import { CLI } from '../helpers/mcp.js';

const opened: { close(): Promise<unknown> }[] = [];
const servers: HttpServer[] = [];
afterAll(async () => {
  await Promise.all(opened.map((item) => item.close().catch(() => undefined)));
  await Promise.all(servers.map((server) => server.stop()));
  await removeTestContainers();
});

/** Server-side changes as the client hears them. */
interface Heard {
  updated: string[];
  listChanged: number;
}

/** On one process, as Claude Code connects (the SDK's own transport probes in a sibling). */
class OneProcessStdio extends StdioClientTransport {}

async function listening(
  transport: StdioClientTransport | StreamableHTTPClientTransport,
  uris: string[],
): Promise<Heard> {
  const client = new Client(
    { name: 'listener', version: '0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  const heard: Heard = { updated: [], listChanged: 0 };
  client.setNotificationHandler('notifications/resources/updated', (notification) => {
    heard.updated.push(notification.params.uri);
  });
  client.setNotificationHandler('notifications/resources/list_changed', () => {
    heard.listChanged += 1;
  });
  await client.connect(transport);
  opened.push(client);
  const subscription = await client.listen({
    resourceSubscriptions: uris,
    resourcesListChanged: true,
  });
  expect(subscription.honoredFilter).toEqual({
    resourceSubscriptions: uris,
    resourcesListChanged: true,
  });
  opened.push(subscription);
  return heard;
}

function stdio(args: string[] = [], env: Record<string, string> = {}): OneProcessStdio {
  return new OneProcessStdio({
    command: process.execPath,
    args: [CLI, '--confirm', 'none', ...args],
    env: { ...(process.env as Record<string, string>), ...env },
    stderr: 'ignore',
  });
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not heard within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rootOf = (name: string) => `container://${encodeURIComponent(name)}/`;

describe('subscriptions/listen', () => {
  it('tells a stdio client that a container it listens to died, and that the list changed', async () => {
    const target = await createContainer();
    const heard = await listening(stdio(), [rootOf(target.name)]);
    await docker('POST', `/containers/${target.id}/kill`);
    await until(() => heard.updated.includes(rootOf(target.name)), 'the kill');
    const other = await createContainer({ start: false });
    await until(() => heard.listChanged > 0, 'a new container');
    // Only what it subscribed to: the new container's own resource is not among them.
    expect(heard.updated).not.toContain(rootOf(other.name));
  });

  it('follows the engine events only while a stdio client listens', async () => {
    const proxy = await startEngineProxy();
    opened.push(proxy);
    const following = () => proxy.inFlight().some((request) => request.path === '/events');
    const asked = () => proxy.requests().some((request) => request.path === '/events');
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
    const client = new Client(
      { name: 'connected', version: '0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(stdio([], { DOCKER_HOST: proxy.url }));
    opened.push(client);
    await client.listTools();
    await settle();
    // Connected, calling tools, not listening: the engine's events are not even asked for.
    expect(asked()).toBe(false);
    const subscription = await client.listen({ resourcesListChanged: true });
    opened.push(subscription);
    await until(following, 'the events stream opened by the listen');
    await subscription.close();
    await until(() => !following(), 'the events stream closed after the listen ended');
    // A listen for what this server does not send (tool list changes) opens nothing.
    const tools = await client.listen({ toolsListChanged: true });
    opened.push(tools);
    expect(tools.honoredFilter).toEqual({});
    await settle();
    expect(following()).toBe(false);
  });

  it('does the same over HTTP, for as long as a client listens', async () => {
    const server = await startHttpServer();
    servers.push(server);
    const target = await createContainer();
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { authorization: `Bearer ${server.token}` } },
    });
    const heard = await listening(transport, [rootOf(target.name)]);
    await docker('POST', `/containers/${target.id}/kill`);
    await until(() => heard.updated.includes(rootOf(target.name)), 'the kill over HTTP');
  });

  it('says nothing of containers outside --scope-label', async () => {
    const scope = `cmcp.listen=${FILE_LABEL}`;
    const [inside, outside] = await Promise.all([
      createContainer({ labels: { 'cmcp.listen': FILE_LABEL } }),
      createContainer(),
    ]);
    const heard = await listening(stdio(['--scope-label', scope]), [
      rootOf(inside.name),
      rootOf(outside.name),
    ]);
    await docker('POST', `/containers/${outside.id}/kill`);
    await docker('POST', `/containers/${inside.id}/kill`);
    await until(() => heard.updated.includes(rootOf(inside.name)), 'the in-scope kill');
    // The outside kill came first: had it been heard, it would be here by now.
    expect(heard.updated).not.toContain(rootOf(outside.name));
  });

  it('offers a 2025-era client no subscriptions', async () => {
    const client = await connectStdio(
      {
        command: process.execPath,
        args: [CLI, '--confirm', 'none'],
        env: process.env as Record<string, string>,
      },
      { era: 'legacy' },
      () => undefined,
    );
    opened.push(client);
    const capabilities = (
      client as unknown as { getServerCapabilities(): { resources?: Record<string, unknown> } }
    ).getServerCapabilities();
    expect(capabilities.resources).toEqual({ listChanged: false });
  });
});
