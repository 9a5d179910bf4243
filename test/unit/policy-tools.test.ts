import { riskOf } from '../../src/mcp/effects.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PolicyConfig } from '../../src/config.js';
import { UsageError } from '../../src/config.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { applyToolPolicy, toolPolicyProblems } from '../../src/safety/policy/tool-filter.js';
import { TOOLS } from '../../src/tools/index.js';

const policy = (change: Partial<PolicyConfig>) => ({
  policy: { ...DEFAULT_CONFIG.policy, ...change },
});
const names = (change: Partial<PolicyConfig>) =>
  applyToolPolicy(TOOLS, policy(change)).map((tool) => tool.name);

describe('the tools transformation', () => {
  it('keeps every tool by default', () => {
    expect(names({})).toEqual(TOOLS.map((tool) => tool.name));
  });

  it('--read-only keeps only reads, without the arguments that write; put_container_archive and create are writes', () => {
    const kept = applyToolPolicy(TOOLS, policy({ readOnly: true }));
    const byName = new Map(kept.map((tool) => [tool.name, tool]));
    expect(byName.has('container_list')).toBe(true);
    expect(byName.has('container_archive')).toBe(true);
    expect(byName.has('container_create')).toBe(false);
    expect(byName.has('put_container_archive')).toBe(false);
    for (const tool of kept) {
      expect(riskOf(tool.effects), tool.name).toBe('read');
      expect(tool.annotations.readOnlyHint, tool.name).toBe(true);
    }
    // save_to writes a file on the host; stdin reaches the container's process.
    expect(byName.get('container_export')?.input.shape).not.toHaveProperty('save_to');
    for (const argument of ['stdin', 'input', 'close_stdin'])
      expect(byName.get('container_attach')?.input.shape).not.toHaveProperty(argument);
    const readable = TOOLS.filter(
      (t) => t.effects.always.length === 0 && (t.effects.mayAlso ?? []).length === 0,
    );
    expect(kept.length).toBe(readable.length);
  });

  it('--no-destructive keeps attach for its output, without stdin', () => {
    const kept = applyToolPolicy(TOOLS, policy({ noDestructive: true }));
    const attach = kept.find((tool) => tool.name === 'container_attach');
    expect(attach?.input.shape).toHaveProperty('logs');
    for (const argument of ['stdin', 'input', 'close_stdin'])
      expect(attach?.input.shape).not.toHaveProperty(argument);
  });

  it('--no-destructive drops exactly the destructive tools', () => {
    const kept = names({ noDestructive: true });
    expect(kept).toContain('container_create');
    expect(kept).not.toContain('container_delete');
    expect(kept).not.toContain('put_container_archive');
    expect(kept.length).toBe(TOOLS.filter((t) => riskOf(t.effects) !== 'destructive').length);
  });

  it('--tools keeps the named ones, --deny-tools drops the named ones', () => {
    expect(names({ tools: ['container_logs', 'container_list'] })).toEqual([
      'container_list',
      'container_logs',
    ]);
    const denied = names({ denyTools: ['container_kill'] });
    expect(denied).not.toContain('container_kill');
    expect(denied.length).toBe(TOOLS.length - 1);
  });
});

describe('tool name problems', () => {
  const problems = (change: Partial<PolicyConfig>) =>
    toolPolicyProblems(policy(change).policy, TOOLS);

  it('names an unknown tool with the nearest real one', () => {
    expect(problems({ tools: ['container_lsit'] })).toEqual([
      expect.stringMatching(
        /--tools: "container_lsit" is not a tool \(did you mean "container_list"\?\)/,
      ),
    ]);
    expect(problems({ denyTools: ['container_kil'] })[0]).toMatch(
      /--deny-tools: "container_kil" .*"container_kill"/,
    );
  });

  it('refuses contradictions: allowed and denied, allowed but dropped by a risk flag', () => {
    expect(problems({ tools: ['container_kill'], denyTools: ['container_kill'] })[0]).toMatch(
      /both name "container_kill"/,
    );
    expect(problems({ tools: ['container_delete'], readOnly: true })[0]).toMatch(
      /"container_delete", but it is a destructive tool, which --read-only drops/,
    );
    expect(problems({ tools: ['container_stop'], noDestructive: true })[0]).toMatch(
      /--no-destructive drops/,
    );
  });
});

describe('policy flags', () => {
  const parse = (argv: string[]) => parseCommandLine(argv, {}).config.policy;

  it('parses every flag into the config', () => {
    const parsed = parse([
      '--read-only',
      '--tools',
      'container_list, container_inspect',
      '--tools',
      'container_logs',
      '--deny-tools',
      'container_stats',
      '--scope-label',
      'team=a=b',
      '--allow-privileged',
      '--allow-bind',
      '/srv/data/../cache/',
      '--no-redact',
    ]);
    expect(parsed).toMatchObject({
      readOnly: true,
      tools: ['container_list', 'container_inspect', 'container_logs'],
      denyTools: ['container_stats'],
      scopeLabel: { key: 'team', value: 'a=b' },
      allowPrivileged: true,
      allowBinds: ['/srv/cache'],
      redact: false,
    });
    expect(parse([])).toEqual(DEFAULT_CONFIG.policy);
  });

  it('refuses bad values with the flag and the fix', () => {
    expect(() => parse(['--tools', 'container_lst'])).toThrow(UsageError);
    expect(() => parse(['--tools', 'container_lst'])).toThrow(/did you mean "container_list"/);
    expect(() => parse(['--scope-label', 'nolabel'])).toThrow(/is not KEY=VALUE/);
    expect(() => parse(['--scope-label', '=x'])).toThrow(/is not KEY=VALUE/);
    expect(() => parse(['--allow-bind', 'data'])).toThrow(/must be an absolute host path/);
  });
});
