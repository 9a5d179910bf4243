/**
 * --read-only, --no-destructive, --tools and --deny-tools through a real client: what
 * tools/list offers, that a dropped tool cannot be called (and changes nothing on the
 * engine), and that a misspelt tool name stops the server at start-up.
 */
import { riskOf } from '../../src/mcp/effects.js';
import { afterAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/tools/index.js';
import { createContainer, inspect, removeTestContainers } from '../helpers/docker.js';
import { call, runCli, startServer, textOf, type Session } from '../helpers/mcp.js';

afterAll(() => removeTestContainers());

const risk = (name: string) => {
  const tool = TOOLS.find((candidate) => candidate.name === name);
  return tool && riskOf(tool.effects);
};

async function listed(args: string[]): Promise<{ session: Session; names: string[] }> {
  const session = await startServer({ args });
  const { tools } = await session.client.listTools();
  return { session, names: tools.map((tool) => tool.name) };
}

describe('which tools a policy offers', () => {
  it('--read-only offers only reads, keeps resources, and a write call is an unknown tool', async () => {
    const { session, names } = await listed(['--read-only']);
    try {
      expect(names).toContain('container_inspect');
      expect(names).not.toContain('put_container_archive');
      // What stays only reads: tools that write only through an argument lose it (export's
      // save_to, attach's stdin) and say they read.
      const { tools } = await session.client.listTools();
      expect(tools.filter((tool) => tool.annotations?.readOnlyHint !== true)).toEqual([]);
      const readable = TOOLS.filter(
        (tool) => tool.effects.always.length === 0 && (tool.effects.mayAlso ?? []).length === 0,
      );
      expect(names.length).toBe(readable.length);
      const { resourceTemplates } = await session.client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('container://{id}{+path}');

      const victim = await createContainer();
      const result = await call(session, 'container_kill', { id: victim.id });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Unknown tool "container_kill"/);
      expect((await inspect(victim.id))?.State.Running).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('--no-destructive drops the destructive tools and keeps writes', async () => {
    const { session, names } = await listed(['--no-destructive']);
    await session.close();
    expect(names).toContain('container_create');
    expect(names).not.toContain('container_delete');
    expect(names).not.toContain('container_prune');
    expect(names.some((name) => risk(name) === 'destructive')).toBe(false);
  });

  it('--tools offers exactly the named tools; --deny-tools removes the named ones', async () => {
    const only = await listed(['--tools', 'container_logs,container_list']);
    await only.session.close();
    expect(only.names).toEqual(['container_list', 'container_logs']);

    const denied = await listed([
      '--deny-tools',
      'container_export',
      '--deny-tools',
      'container_kill',
    ]);
    await denied.session.close();
    expect(denied.names).not.toContain('container_export');
    expect(denied.names).not.toContain('container_kill');
    expect(denied.names.length).toBe(TOOLS.length - 2);
  });
});

describe('start-up refusals', () => {
  it.each([
    [
      ['--tools', 'container_lsit'],
      /--tools: "container_lsit" is not a tool \(did you mean "container_list"\?\)/,
    ],
    [
      ['--deny-tools', 'container_kil'],
      /--deny-tools: "container_kil" is not a tool \(did you mean "container_kill"\?\)/,
    ],
    [
      ['--read-only', '--tools', 'container_stop'],
      /"container_stop", but it is a destructive tool, which --read-only drops/,
    ],
    [['--scope-label', 'nolabel'], /--scope-label "nolabel" is not KEY=VALUE/],
    [
      ['--allow-bind', 'relative/dir'],
      /--allow-bind "relative\/dir" must be an absolute host path/,
    ],
  ])('%j exits with 2 and says why', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
