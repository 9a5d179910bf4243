/**
 * Flags given through the environment (what desktop bundles, Gemini CLI extension settings,
 * registry entries and `docker run -e` set): the same Config as the flag, the command line
 * first, an empty variable meaning not given, and a bad value refused naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse.js';
import { FLAGS } from '../../src/cli/flags.js';
import { UsageError } from '../../src/config.js';

const config = (argv: string[], env: Record<string, string> = {}) =>
  parseCommandLine(argv, env).config;

describe('flags from the environment', () => {
  it('give the same policy as the flags themselves', () => {
    const env = {
      CONTAINER_MCP_READ_ONLY: 'true',
      CONTAINER_MCP_SCOPE_LABEL: 'agent=dev',
      CONTAINER_MCP_CONFIRM: 'write',
      CONTAINER_MCP_ALLOW_BIND: '/srv/data',
    };
    const flags = [
      '--read-only',
      '--scope-label',
      'agent=dev',
      '--confirm',
      'write',
      '--allow-bind',
      '/srv/data',
    ];
    expect(config([], env)).toEqual(config(flags));
    expect(config([], env)).not.toEqual(config([]));
    expect(config([], { CONTAINER_MCP_NO_DESTRUCTIVE: '1' })).toEqual(config(['--no-destructive']));
  });

  it('leave the default when empty or "false", as a desktop client sends an unset setting', () => {
    const unset = {
      CONTAINER_MCP_READ_ONLY: 'false',
      CONTAINER_MCP_NO_DESTRUCTIVE: '',
      CONTAINER_MCP_SCOPE_LABEL: '',
      CONTAINER_MCP_CONFIRM: ' ',
      CONTAINER_MCP_ALLOW_BIND: '',
    };
    expect(config([], unset)).toEqual(config([]));
  });

  it('yield to the command line', () => {
    const env = { CONTAINER_MCP_CONFIRM: 'none', CONTAINER_MCP_ALLOW_BIND: '/srv/a' };
    const both = config(['--confirm', 'write', '--allow-bind', '/srv/b'], env);
    expect(both).toEqual(config(['--confirm', 'write', '--allow-bind', '/srv/b']));
  });

  it('refuse a bad value, naming the variable, its flag and the fix', () => {
    expect(() => config([], { CONTAINER_MCP_READ_ONLY: 'maybe' })).toThrow(
      new UsageError(
        'CONTAINER_MCP_READ_ONLY="maybe" (the environment form of --read-only) must be true or false; leave it empty for the default',
      ),
    );
    expect(() => config([], { CONTAINER_MCP_ALLOW_BIND: 'data' })).toThrow(
      /^CONTAINER_MCP_ALLOW_BIND \(the environment form of --allow-bind\): --allow-bind "data" must be an absolute host path/,
    );
    expect(() => config([], { CONTAINER_MCP_CONFIRM: 'sometimes' })).toThrow(
      /^CONTAINER_MCP_CONFIRM \(the environment form of --confirm\): --confirm: "sometimes" is neither/,
    );
  });

  it('are named once each, all CONTAINER_MCP_', () => {
    const names = FLAGS.flatMap((flag) => (flag.env ? [flag.env] : []));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^CONTAINER_MCP_[A-Z_]+$/);
  });
});
