/**
 * The Docker CLI's context store: `$DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json`
 * and TLS material in `contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressError, type TlsSettings } from './address.js';

export interface DockerContext {
  name: string;
  host: string;
  tls: TlsSettings;
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** `currentContext` from config.json, or undefined when unset or unreadable. */
export function currentContextName(configDir: string): string | undefined {
  const file = join(configDir, 'config.json');
  if (!existsSync(file)) return undefined;
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext !== ''
      ? config.currentContext
      : undefined;
  } catch (error) {
    throw new AddressError(
      `${file} is not valid JSON (${(error as Error).message}); fix or remove it`,
    );
  }
}

/** Read a named context from the store; throws an AddressError naming the store when absent. */
export function readContext(configDir: string, name: string): DockerContext {
  const digest = contextDigest(name);
  const metaFile = join(configDir, 'contexts', 'meta', digest, 'meta.json');
  if (!existsSync(metaFile)) {
    throw new AddressError(
      `Docker context "${name}" not found (looked for ${metaFile}); "docker context ls" lists the contexts`,
    );
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ContextMeta;
  } catch (error) {
    throw new AddressError(
      `Docker context "${name}": ${metaFile} is not valid JSON (${(error as Error).message})`,
    );
  }
  const endpoint = meta.Endpoints?.docker;
  if (typeof endpoint?.Host !== 'string' || endpoint.Host === '') {
    throw new AddressError(`Docker context "${name}" has no docker endpoint Host in ${metaFile}`);
  }
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
  const files = readPemFiles(tlsDir);
  const hasTls = files.ca !== undefined || files.cert !== undefined;
  return {
    name,
    host: endpoint.Host,
    tls: { enabled: hasTls, verify: endpoint.SkipTLSVerify !== true, files },
  };
}

/** ca.pem, cert.pem and key.pem from a folder, each only when present. */
export function readPemFiles(dir: string): TlsSettings['files'] {
  const read = (file: string): Buffer | undefined => {
    const path = join(dir, file);
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  const files: TlsSettings['files'] = {};
  const ca = read('ca.pem');
  const cert = read('cert.pem');
  const key = read('key.pem');
  if (ca) files.ca = ca;
  if (cert) files.cert = cert;
  if (key) files.key = key;
  return files;
}
