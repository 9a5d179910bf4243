import { describe, expect, it } from 'vitest';
import {
  containerReferences,
  inScope,
  notInScopeMessage,
  parseScopeLabel,
  scopeCreateBody,
  withScopeFilter,
} from '../../src/safety/policy/scope.js';
import { TOOLS } from '../../src/tools/index.js';

const scope = { key: 'agent', value: 'dev' };

describe('--scope-label, pure', () => {
  it('parses KEY=VALUE, keeping "=" in the value and allowing an empty value', () => {
    expect(parseScopeLabel('agent=dev')).toEqual(scope);
    expect(parseScopeLabel('a=b=c')).toEqual({ key: 'a', value: 'b=c' });
    expect(parseScopeLabel('a=')).toEqual({ key: 'a', value: '' });
    expect(parseScopeLabel('agent')).toMatch(/not KEY=VALUE/);
  });

  it('matches the label exactly', () => {
    expect(inScope({ agent: 'dev' }, scope)).toBe(true);
    expect(inScope({ agent: 'prod' }, scope)).toBe(false);
    expect(inScope(null, scope)).toBe(false);
  });

  it('adds the label to filters, keeping every filter the caller gave', () => {
    expect(withScopeFilter(undefined, scope)).toEqual({ label: ['agent=dev'] });
    expect(withScopeFilter({ label: 'app=web', status: ['exited'] }, scope)).toEqual({
      label: ['app=web', 'agent=dev'],
      status: ['exited'],
    });
    expect(withScopeFilter({ label: ['a', 'b=c'] }, scope).label).toEqual([
      'a',
      'b=c',
      'agent=dev',
    ]);
  });

  it('labels a create body, and refuses one that sets the label to another value', () => {
    expect(scopeCreateBody({ Image: 'x' }, scope)).toEqual({
      body: { Image: 'x', Labels: { agent: 'dev' } },
    });
    expect(scopeCreateBody({ Labels: { app: 'web', agent: 'dev' } }, scope)).toEqual({
      body: { Labels: { app: 'web', agent: 'dev' } },
    });
    const refused = scopeCreateBody({ Labels: { agent: 'prod' } }, scope);
    expect('refusal' in refused && refused.refusal).toMatch(
      /body\.Labels\["agent"\] is "prod".*agent=dev/,
    );
  });

  it('names the other containers a create body refers to', () => {
    expect(
      containerReferences({
        HostConfig: {
          NetworkMode: 'container:db',
          PidMode: 'host',
          IpcMode: 'container:cache',
          VolumesFrom: ['data:ro'],
          Links: ['/web:alias'],
        },
      }),
    ).toEqual([
      { field: 'HostConfig.NetworkMode', id: 'db' },
      { field: 'HostConfig.IpcMode', id: 'cache' },
      { field: 'HostConfig.VolumesFrom', id: 'data' },
      { field: 'HostConfig.Links', id: 'web' },
    ]);
    expect(containerReferences({})).toEqual([]);
  });

  it('reads an out-of-scope container as one that does not exist', () => {
    expect(notInScopeMessage('web')).toMatch(/^No such container: web\b/);
  });
});

describe('which tools the scope checks, and how', () => {
  it('knows every tool from its declared targets: one by id, many by filters, or a new one', () => {
    const targets = Object.fromEntries(TOOLS.map((tool) => [tool.name, tool.effects.targets]));
    expect(targets).toMatchObject({
      container_list: { matching: 'filters' },
      container_prune: { matching: 'filters' },
      container_create: { creates: 'body' },
      container_delete: { one: 'id' },
      put_container_archive: { one: 'id' },
    });
    for (const tool of TOOLS)
      if ('id' in tool.input.shape)
        expect(targets[tool.name], tool.name).toMatchObject({ one: 'id' });
    // A legacy link is named by names: the only argument that turns the id into something else.
    expect(targets.container_delete).toEqual({ one: 'id', linkWhen: 'link' });
  });
});
