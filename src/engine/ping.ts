/**
 * Ping and version negotiation: an unversioned `HEAD /_ping` (GET when HEAD is refused),
 * whose headers say which API the engine speaks and whether it is Podman.
 */
import { EngineError, parseEngineMessage } from './errors.js';
import { negotiateApiVersion } from './version.js';

/** Which engine answers: dockerd, or Podman's Docker-compatible service (docs/ENGINE-NOTES.md). */
export type EngineFlavor = 'docker' | 'podman';

export interface EngineInfo {
  /** The API version this client uses: min(ours, the engine's), or the pinned one. */
  apiVersion: string;
  /** What the engine said it speaks (Api-Version header), when it said. */
  engineApiVersion?: string;
  /** The Server header ("Docker/20.10.24+dfsg1 (linux)", "Libpod/4.3.1 ..."). */
  server?: string;
  osType?: string;
  /** Podman's Docker-compatible service (Libpod-Api-Version header or Server: Libpod). */
  podman: boolean;
  /** Podman's own version (its Libpod-Api-Version header: "4.3.1"). */
  podmanApiVersion?: string;
  /** The engine for people: "Podman 4.3.1", "Docker 20.10.24+dfsg1". */
  product: string;
}

interface PingResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { text(): Promise<string>; dump(): Promise<void> };
}

export interface PingDeps {
  send: (method: 'HEAD' | 'GET', path: string) => Promise<PingResponse>;
  pinned?: string | undefined;
}

export async function pingEngine({ send, pinned }: PingDeps): Promise<EngineInfo> {
  let response = await send('HEAD', '/_ping');
  if (response.status === 404 || response.status === 405) {
    await response.body.dump();
    response = await send('GET', '/_ping');
  }
  if (response.status !== 200) {
    const message = parseEngineMessage(
      await response.body.text(),
      header(response.headers, 'content-type'),
    );
    throw new EngineError(
      'engine',
      `the engine's /_ping answered HTTP ${response.status}${message ? `: ${message}` : ''}`,
      {
        status: response.status,
        endpoint: 'GET /_ping',
      },
    );
  }
  await response.body.dump();
  const engineApiVersion = header(response.headers, 'api-version');
  const server = header(response.headers, 'server');
  const osType = header(response.headers, 'ostype');
  const podmanApiVersion = header(response.headers, 'libpod-api-version');
  const podman = podmanApiVersion !== undefined || /libpod/i.test(server ?? '');
  return {
    apiVersion: pinned ?? negotiateApiVersion(engineApiVersion),
    podman,
    product: productName(podman, server, podmanApiVersion),
    ...(engineApiVersion !== undefined && { engineApiVersion }),
    ...(server !== undefined && { server }),
    ...(osType !== undefined && { osType }),
    ...(podmanApiVersion !== undefined && { podmanApiVersion }),
  };
}

function header(headers: PingResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** "Podman 4.3.1" from Libpod-Api-Version, else the Server header's "Name/version" part. */
function productName(podman: boolean, server?: string, podmanVersion?: string): string {
  const [name, version] = (server ?? '').split(' ')[0]?.split('/') ?? [];
  if (podman) {
    const podmanRelease = podmanVersion ?? version;
    return podmanRelease ? `Podman ${podmanRelease}` : 'Podman';
  }
  if (name && version) return `${name} ${version}`;
  return name || 'the engine';
}
