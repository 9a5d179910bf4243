/**
 * The manifests that list this server elsewhere say what the package really is: server.json
 * (the MCP Registry's format) and gemini-extension.json (Gemini CLI's extensions) against
 * package.json's name, version, bin and mcpName, the Dockerfile's entry and registry label,
 * and the environment variables the flag table reads. A release that bumps the version, or a
 * flag that gains or loses its variable, fails here until they follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  version: string;
  mcpName: string;
  bin: Record<string, string>;
};
const dockerfile = read('Dockerfile');

interface EnvInput {
  name: string;
  description: string;
  format?: string;
}
interface Package {
  registryType: string;
  identifier: string;
  version?: string;
  runtimeHint?: string;
  transport: { type: string };
  runtimeArguments?: { type: string; name: string; value?: string }[];
  environmentVariables?: EnvInput[];
}
const server = JSON.parse(read('server.json')) as {
  $schema: string;
  name: string;
  description: string;
  version: string;
  packages: Package[];
};
const gemini = JSON.parse(read('gemini-extension.json')) as {
  name: string;
  version: string;
  mcpServers: Record<string, { command: string; args: string[] }>;
  settings: { name: string; description: string; envVar: string }[];
};

/** Every variable the server reads as a setting: the engine's, and the flags' own. */
const ENGINE_VARIABLES = ['DOCKER_HOST', 'DOCKER_CONTEXT'];
const FLAG_VARIABLES = FLAGS.flatMap((flag) => (flag.env ? [flag.env] : []));
const SWITCHES = FLAGS.filter((flag) => flag.env && flag.type === 'boolean').map((f) => f.env);

const packageOf = (type: string): Package => {
  const found = server.packages.find((entry) => entry.registryType === type);
  if (!found) throw new Error(`server.json has no ${type} package`);
  return found;
};

describe('the package, the image and their names', () => {
  it('bin is the bundle the image runs', () => {
    expect(pkg.bin).toEqual({ [pkg.name]: 'dist/cli.js' });
    expect(dockerfile).toMatch(/^COPY dist\/cli\.js \/opt\/container-mcp\/dist\/cli\.js$/m);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "/opt/container-mcp/dist/cli.js"]');
  });

  it('one registry name: server.json, package.json mcpName, the image label', () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(dockerfile).toContain(`LABEL io.modelcontextprotocol.server.name="${pkg.mcpName}"`);
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
  });
});

describe('server.json (MCP Registry)', () => {
  it('is this version of this package and its image', () => {
    expect(server.$schema).toMatch(/^https:\/\/static\.modelcontextprotocol\.io\/schemas\//);
    expect(server.version).toBe(pkg.version);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(packageOf('npm')).toMatchObject({
      identifier: pkg.name,
      version: pkg.version,
      runtimeHint: 'npx',
      transport: { type: 'stdio' },
    });
    const image = packageOf('oci');
    expect(image.identifier).toMatch(
      new RegExp(`/${pkg.name}:${pkg.version.replace(/\./g, '\\.')}$`),
    );
    expect(image).toMatchObject({ runtimeHint: 'docker', transport: { type: 'stdio' } });
  });

  it('the npm package names every variable the server reads; switches are booleans', () => {
    const variables = packageOf('npm').environmentVariables ?? [];
    expect(variables.map((v) => v.name).sort()).toEqual(
      [...ENGINE_VARIABLES, ...FLAG_VARIABLES].sort(),
    );
    for (const variable of variables)
      expect(variable.format === 'boolean', variable.name).toBe(SWITCHES.includes(variable.name));
  });

  it('the image mounts the socket where the server looks, and names the flags’ variables', () => {
    const image = packageOf('oci');
    const mount = image.runtimeArguments?.find((argument) => argument.name === '-v');
    expect(mount?.value).toBe('/var/run/docker.sock:/var/run/docker.sock');
    expect(image.runtimeArguments?.map((argument) => argument.name)).toContain('--group-add');
    expect((image.environmentVariables ?? []).map((v) => v.name).sort()).toEqual(
      [...FLAG_VARIABLES].sort(),
    );
  });
});

describe('gemini-extension.json (Gemini CLI)', () => {
  it('starts this version through npx', () => {
    expect(gemini).toMatchObject({ name: pkg.name, version: pkg.version });
    expect(gemini.mcpServers).toEqual({
      containers: { command: 'npx', args: ['-y', `${pkg.name}@${pkg.version}`] },
    });
  });

  it('offers a setting for every variable the server reads', () => {
    expect(gemini.settings.map((setting) => setting.envVar).sort()).toEqual(
      [...ENGINE_VARIABLES, ...FLAG_VARIABLES].sort(),
    );
  });
});
