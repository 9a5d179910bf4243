/**
 * --check, one engine: does it answer, what is it (version, API negotiated, Docker or
 * Podman), how many containers it has (in scope), and when it does not answer, why and what
 * a person does about it. Reads only: a ping and a container list.
 */
import { listContainers } from '../engine/api/containers.js';
import { EngineError, errnoOf, type ContainerSummary, type Engine } from '../engine/index.js';
import { scopeFilter, type ScopeLabel } from '../safety/policy/scope.js';
import { deadlineSignal } from '../engine/deadline.js';

export interface EngineReport {
  name: string;
  address: string;
  source: string;
  ok: boolean;
  lines: string[];
}

export async function checkEngine(
  engine: Engine,
  scope: ScopeLabel | undefined,
  pinned: string | undefined,
): Promise<EngineReport> {
  const report = {
    name: engine.name,
    address: engine.displayAddress,
    source: engine.address.source,
  };
  const signal = deadlineSignal(engine.timeoutMs);
  try {
    const info = await engine.engineInfo(signal);
    const containers = await engine.json<ContainerSummary[]>(listContainers, {
      query: { all: true, ...(scope && { filters: { label: [scopeFilter(scope)] } }) },
      signal,
    });
    const running = containers.filter((c) => c.State === 'running').length;
    const api = pinned
      ? `API ${info.apiVersion} (pinned by --api-version; the engine speaks ${info.engineApiVersion ?? 'an unknown version'})`
      : `API ${info.apiVersion} negotiated (the engine speaks ${info.engineApiVersion ?? 'no version'}, this server up to 1.45)`;
    return {
      ...report,
      ok: true,
      lines: [
        `engine:      ${info.product}${info.podman ? " (Podman's Docker-compatible service)" : ''}${info.osType ? `, ${info.osType}` : ''}`,
        `api:         ${api}`,
        `containers:  ${running} running, ${containers.length} in all${scope ? ` labelled ${scopeFilter(scope)}` : ''}`,
      ],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...report,
      ok: false,
      lines: [`FAILED:      ${message}`, `fix:         ${fixFor(error, engine)}`],
    };
  }
}

/** What a person does about an engine that does not answer, from the failure's kind. */
function fixFor(error: unknown, engine: Engine): string {
  const kind = engine.address.kind;
  const code = errnoOf(error);
  if (kind === 'ssh')
    return 'run the same ssh command yourself (ssh -T HOST docker system dial-stdio) until it connects without a prompt, then check again';
  if (code === 'EACCES' || code === 'EPERM')
    return kind === 'npipe'
      ? 'run as a user Docker Desktop allows (one in the docker-users group), then check again'
      : 'add this user to the docker group (sudo usermod -aG docker "$USER", then log in again), or use a rootless engine\'s socket';
  if (code === 'ENOENT' || code === 'ECONNREFUSED')
    return kind === 'npipe'
      ? 'start Docker Desktop, or point --host / DOCKER_HOST at a running engine'
      : 'start the engine (Docker Desktop, OrbStack, `colima start`, `sudo systemctl start docker`, `systemctl --user start podman.socket`), or point --host / DOCKER_HOST / --context at one that runs';
  if (error instanceof EngineError && error.code === 'timeout')
    return 'check the address (a firewall or a wrong host drops the connection), or raise --timeout for a slow engine';
  if (error instanceof EngineError && error.status !== undefined)
    return 'something answers there, but not as a Docker engine expects: check the address, or pin an API version it speaks with --api-version';
  if (kind === 'tcp')
    return "check the host, the port and TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or the context's TLS files)";
  return 'check the address, then check again';
}
