/**
 * --check's client snippet names the command as the user installed it: `npx -y container-mcp`
 * when the run came through npx (npm's `_npx` cache), the bare command from a global install,
 * node and the script's real path from a checkout; with the flags and the variables given.
 * (test/package/ runs the real npx and global installs of the packed tarball.)
 */
import { describe, expect, it } from 'vitest';
import { clientSnippet, type Invocation } from '../../src/cli/client-snippet.js';
import { parseCommandLine } from '../../src/cli/parse.js';

function snippet(argv: string[], invocation: Partial<Invocation>) {
  const env = invocation.env ?? {};
  const lines = clientSnippet(parseCommandLine(argv, env).config, {
    argv,
    script: '/nowhere/dist/cli.js',
    env,
    execPath: '/usr/bin/node',
    platform: 'linux',
    ...invocation,
  });
  const desktop = JSON.parse(lines[3] ?? '') as {
    mcpServers: { containers: { command: string; args?: string[]; env?: object } };
  };
  return { claude: lines[1]?.trim(), desktop: desktop.mcpServers.containers };
}

const NPX_SCRIPT = '/home/me/.npm/_npx/9f1c/node_modules/.bin/container-mcp';

describe('the command a client is given', () => {
  it('is npx -y container-mcp when started through npx, with the flags given', () => {
    const { claude, desktop } = snippet(['--check', '--read-only'], { script: NPX_SCRIPT });
    expect(desktop).toEqual({ command: 'npx', args: ['-y', 'container-mcp', '--read-only'] });
    expect(claude).toBe('claude mcp add containers -- npx -y container-mcp --read-only');
  });

  it('starts npx through cmd /c on Windows, where a client cannot start npx.cmd itself', () => {
    const { desktop } = snippet(['--check'], {
      script:
        'C:\\Users\\me\\AppData\\Local\\npm-cache\\_npx\\9f1c\\node_modules\\container-mcp\\dist\\cli.js',
      platform: 'win32',
    });
    expect(desktop).toEqual({ command: 'cmd', args: ['/c', 'npx', '-y', 'container-mcp'] });
  });

  it('is the bare command from a global install on the PATH', () => {
    const { desktop } = snippet(['--check', '--host', 'unix:///run/docker.sock'], {
      script: '/usr/local/bin/container-mcp',
      env: { PATH: '/usr/bin:/usr/local/bin' },
    });
    expect(desktop).toEqual({
      command: 'container-mcp',
      args: ['--host', 'unix:///run/docker.sock'],
    });
  });

  it("is node and the script's path from a checkout", () => {
    const { desktop } = snippet(['--check'], { script: '/src/container-mcp/dist/cli.js' });
    expect(desktop).toEqual({ command: '/usr/bin/node', args: ['/src/container-mcp/dist/cli.js'] });
  });

  it('passes on the engine variables and the flags given as variables', () => {
    const env = {
      DOCKER_HOST: 'unix:///run/user/1000/docker.sock',
      CONTAINER_MCP_READ_ONLY: 'true',
      HOME: '/home/me',
    };
    const { claude, desktop } = snippet(['--check'], { script: NPX_SCRIPT, env });
    expect(desktop.env).toEqual({
      DOCKER_HOST: 'unix:///run/user/1000/docker.sock',
      CONTAINER_MCP_READ_ONLY: 'true',
    });
    expect(claude).toBe(
      'claude mcp add -e DOCKER_HOST=unix:///run/user/1000/docker.sock -e CONTAINER_MCP_READ_ONLY=true containers -- npx -y container-mcp',
    );
  });
});
