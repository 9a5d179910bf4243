/**
 * The desktop bundle's manifest.json (the MCPB format of the official `@anthropic-ai/mcpb`
 * tool), derived from what it describes: name, version, description, license and the Node
 * version from package.json; the tools from the tool table; each user setting from the flag
 * that reads its environment variable (src/cli/env-flags.ts), so a setting cannot name a
 * variable the server does not read. A desktop client substitutes the settings into
 * `mcp_config.env`; every setting has a default, because a client leaves a reference to a
 * setting that has no value as it is (`${user_config.x}`), and the server reads an empty
 * variable as "not given".
 */
import { readFileSync } from 'node:fs';
import { FLAGS } from '../../src/cli/flags.js';
import type { Flag } from '../../src/cli/flag-values.js';
import { TOOLS } from '../../src/tools/index.js';

interface Setting {
  type: 'string' | 'boolean' | 'directory';
  title: string;
  description: string;
  default: string | boolean;
}

/** The bundle's entry: the one file the package publishes as its bin. */
export const ENTRY = 'dist/cli.js';

/** Titles a desktop client shows; the descriptions are the flags' own --help text. */
const TITLES: Record<string, string> = {
  'read-only': 'Read-only',
  'no-destructive': 'No destructive tools',
  confirm: 'Confirmation',
  'allow-bind': 'Bind-mount root',
  'scope-label': 'Scope label',
};

/** The engine's own variables, read as the Docker CLI reads them. */
const ENGINE_SETTINGS: Record<string, Setting & { env: string }> = {
  docker_host: {
    env: 'DOCKER_HOST',
    type: 'string',
    title: 'Engine address',
    description:
      'unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine. Empty: the Docker CLI current context, else the platform default (Docker Desktop, OrbStack, Colima, Podman sockets are found)',
    default: '',
  },
  docker_context: {
    env: 'DOCKER_CONTEXT',
    type: 'string',
    title: 'Docker context',
    description:
      'A Docker CLI context name (docker context ls), used when no engine address is given',
    default: '',
  },
};

function flagSetting(flag: Flag): Setting {
  const title = TITLES[flag.name];
  if (title === undefined) throw new Error(`no bundle title for --${flag.name}: add it to TITLES`);
  const defaults: Record<string, string> = { confirm: 'destructive' };
  return {
    type: flag.type === 'boolean' ? 'boolean' : flag.name === 'allow-bind' ? 'directory' : 'string',
    title,
    description: `${flag.help} (--${flag.name})`,
    default: flag.type === 'boolean' ? false : (defaults[flag.name] ?? ''),
  };
}

export function bundleManifest(root: URL): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    name: string;
    version: string;
    description: string;
    license: string;
    keywords: string[];
    engines: { node: string };
  };
  const settings: Record<string, Setting> = {};
  const env: Record<string, string> = {};
  for (const [key, { env: variable, ...setting }] of Object.entries(ENGINE_SETTINGS)) {
    settings[key] = setting;
    env[variable] = `\${user_config.${key}}`;
  }
  for (const flag of FLAGS) {
    if (flag.env === undefined) continue;
    const key = flag.name.replace(/-/g, '_');
    settings[key] = flagSetting(flag);
    env[flag.env] = `\${user_config.${key}}`;
  }
  return {
    manifest_version: '0.3',
    name: pkg.name,
    display_name: 'Docker containers',
    version: pkg.version,
    description: pkg.description,
    long_description:
      'Every container endpoint of the Docker Engine API as a tool: list, inspect, logs, stats, files, create, start, stop, exec and more, with bounded answers, a confirmation before anything destructive, and a policy (read-only, scope label, bind-mount roots) set in the settings. Needs a running Docker engine (Docker Desktop, OrbStack, Colima, Podman, or a remote one).',
    author: { name: `the ${pkg.name} authors` },
    license: pkg.license,
    keywords: pkg.keywords,
    server: {
      type: 'node',
      entry_point: ENTRY,
      mcp_config: { command: 'node', args: [`\${__dirname}/${ENTRY}`], env },
    },
    tools: TOOLS.map((tool) => ({ name: tool.name, description: firstSentence(tool.description) })),
    tools_generated: false,
    compatibility: {
      platforms: ['darwin', 'win32', 'linux'],
      runtimes: { node: pkg.engines.node },
    },
    user_config: settings,
  };
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
