/**
 * Registry credentials found as the Docker CLI finds them, from a Docker config folder of the
 * test's own: credHelpers for the registry, else credsStore, through a real
 * docker-credential-<name> program on PATH (a script written here), else auths. What the
 * engine gets is X-Registry-Auth (padded URL-safe base64 JSON); what callers may show is the
 * source, which never holds the secret.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryAuth } from '../../src/engine/credentials.js';

function folder(config: unknown, helpers: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'cmcp-creds-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  for (const [name, script] of Object.entries(helpers)) {
    const path = join(dir, `docker-credential-${name}`);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
  }
  return { ...process.env, DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH ?? ''}` };
}

function decoded(header: string | undefined): Record<string, string> {
  expect(header).toBeDefined();
  expect(header).not.toMatch(/[+/]/);
  return JSON.parse(Buffer.from(header ?? '', 'base64').toString('utf8')) as Record<string, string>;
}

/** A helper that answers one server with a user and secret, and "not found" otherwise. */
const helper = (server: string, user: string, secret: string) =>
  `read s; if [ "$s" = "${server}" ]; then printf '{"ServerURL":"%s","Username":"${user}","Secret":"${secret}"}' "$s"; else echo "credentials not found in native keychain"; exit 1; fi`;

describe('registry credentials', () => {
  it('reads auths, matching a key written as a URL', async () => {
    const env = folder({
      auths: {
        'https://reg.example:5000': { auth: Buffer.from('me:pw-auths').toString('base64') },
      },
    });
    const auth = await registryAuth('reg.example:5000', env);
    expect(decoded(auth.header)).toEqual({
      username: 'me',
      password: 'pw-auths',
      serveraddress: 'reg.example:5000',
    });
    expect(auth.source).toContain('auths in');
    expect(auth.source).not.toContain('pw-auths');
  });

  it("asks the registry's credHelpers program before credsStore and auths", async () => {
    const env = folder(
      {
        credHelpers: { 'reg.example:5000': 'own' },
        credsStore: 'store',
        auths: { 'reg.example:5000': { auth: Buffer.from('x:y').toString('base64') } },
      },
      {
        own: helper('reg.example:5000', 'helper-user', 'pw-helper'),
        store: helper('reg.example:5000', 'store-user', 'pw-store'),
      },
    );
    const auth = await registryAuth('reg.example:5000', env);
    expect(decoded(auth.header)).toMatchObject({ username: 'helper-user', password: 'pw-helper' });
    expect(auth.source).toMatch(/^docker-credential-own \(credHelpers/);
  });

  it('uses credsStore, with an identity token for "<token>"; falls back to auths when it has none', async () => {
    const store = folder(
      { credsStore: 'store' },
      { store: helper('https://index.docker.io/v1/', '<token>', 'tok') },
    );
    expect(decoded((await registryAuth('https://index.docker.io/v1/', store)).header)).toEqual({
      identitytoken: 'tok',
      serveraddress: 'https://index.docker.io/v1/',
    });
    const fallback = folder(
      {
        credsStore: 'store',
        auths: { 'other.example': { auth: Buffer.from('a:b').toString('base64') } },
      },
      { store: helper('nobody', 'x', 'y') },
    );
    expect(decoded((await registryAuth('other.example', fallback)).header)).toMatchObject({
      username: 'a',
      password: 'b',
    });
  });

  it('says when there is none, and when a named helper is missing', async () => {
    const none = await registryAuth('reg.example', folder({}));
    expect(none.header).toBeUndefined();
    expect(none.source).toMatch(/^no credential for reg\.example in .*config\.json$/);
    await expect(
      registryAuth('reg.example', folder({ credsStore: 'absent-helper' })),
    ).rejects.toThrow('docker-credential-absent-helper is not on this server');
  });
});
