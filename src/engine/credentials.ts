/**
 * Registry credentials found as the Docker CLI finds them, for the engine's X-Registry-Auth
 * header: `credHelpers[registry]`, else `credsStore`, through the `docker-credential-<name>`
 * program (`get`, the server on stdin, JSON on stdout); else `auths[registry]` in
 * `$DOCKER_CONFIG/config.json`. Read at every pull, so a `docker login` after start-up counts.
 * The secret goes into the header and nowhere else: what callers may show is `source`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dockerConfigDir } from './resolve.js';

export interface RegistryAuth {
  /** The X-Registry-Auth value: base64url JSON; undefined when no credential was found. */
  header: string | undefined;
  /** Where the credential came from, for messages: never the credential itself. */
  source: string;
  /** The config file that was read. */
  configFile: string;
}

interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

const HELPER_TIMEOUT_MS = 15_000;

export async function registryAuth(
  registry: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAuth> {
  const configFile = join(dockerConfigDir(env, homedir()), 'config.json');
  const config = await readConfig(configFile);
  const key = hostOf(registry);
  const own = Object.entries(config.credHelpers ?? {}).find(([server]) => hostOf(server) === key);
  const helper = own?.[1] ?? config.credsStore;
  if (helper !== undefined && helper !== '') {
    const found = await fromHelper(helper, registry, env);
    const source = `docker-credential-${helper} (${own ? 'credHelpers' : 'credsStore'} in ${configFile})`;
    if (found) return { header: encode({ ...found, serveraddress: registry }), source, configFile };
  }
  const entry = Object.entries(config.auths ?? {}).find(([server]) => hostOf(server) === key)?.[1];
  if (entry) {
    const source = `auths in ${configFile}`;
    if (entry.identitytoken)
      return {
        header: encode({ identitytoken: entry.identitytoken, serveraddress: registry }),
        source,
        configFile,
      };
    const [username, password] = entry.auth
      ? splitOnce(Buffer.from(entry.auth, 'base64').toString('utf8'))
      : [entry.username, entry.password];
    if (username && password)
      return {
        header: encode({ username, password, serveraddress: registry }),
        source,
        configFile,
      };
  }
  return {
    header: undefined,
    source: `no credential for ${registry} in ${configFile}`,
    configFile,
  };
}

async function readConfig(file: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {}; // no config: no credentials, as for the Docker CLI
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    throw new Error(`${file} is not valid JSON: fix or remove it (docker login rewrites it)`);
  }
}

/** What a helper answers; its own "not found" (exit 1) means no credential. */
function fromHelper(
  helper: string,
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<{ username?: string; password?: string; identitytoken?: string } | undefined> {
  if (!/^[\w.-]+$/.test(helper))
    return Promise.reject(new Error(`credential helper name "${helper}" is not a plain name`));
  return new Promise((resolve, reject) => {
    const child = execFile(
      `docker-credential-${helper}`,
      ['get'],
      { env, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT')
            return reject(
              new Error(
                `the Docker config names the credential helper "${helper}", but docker-credential-${helper} is not on this server's PATH`,
              ),
            );
          // The helper's "credentials not found" is an exit status 1 with a message.
          if (/not found/i.test(stdout)) return resolve(undefined);
          return reject(
            new Error(`docker-credential-${helper} get failed (${error.message.split('\n')[0]})`),
          );
        }
        try {
          const answer = JSON.parse(stdout) as { Username?: string; Secret?: string };
          if (!answer.Secret) return resolve(undefined);
          resolve(
            answer.Username === '<token>'
              ? { identitytoken: answer.Secret }
              : { username: answer.Username, password: answer.Secret },
          );
        } catch {
          reject(new Error(`docker-credential-${helper} get answered something that is not JSON`));
        }
      },
    );
    child.stdin?.end(registry);
  });
}

/** As the Docker CLI matches config keys: "https://host/v1/" and "host" are the same server. */
function hostOf(server: string): string {
  return server
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
}

function splitOnce(text: string): [string | undefined, string | undefined] {
  const colon = text.indexOf(':');
  return colon === -1 ? [undefined, undefined] : [text.slice(0, colon), text.slice(colon + 1)];
}

/**
 * URL-safe base64 with its padding, as the Docker CLI sends it (Go's base64.URLEncoding):
 * engines before 23.0 decode nothing from an unpadded value and pull without credentials.
 */
function encode(value: Record<string, string | undefined>): string {
  return Buffer.from(JSON.stringify(value))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
