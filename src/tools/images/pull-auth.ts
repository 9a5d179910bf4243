/**
 * A pull the registry refused for want of credentials, said so that a person can act on it:
 * which registry, whether this server found a credential for it (and where), and the
 * `docker login` that fixes it. The credential itself is never in any message.
 */
import { EngineError, rewordEngineError } from '../../engine/index.js';
import type { RegistryAuth } from '../../engine/credentials.js';

const AUTH_REFUSED =
  /no basic auth credentials|unauthorized|authentication required|denied|may require 'docker login'|401/i;

export function withLoginHint(error: unknown, registry: string, auth: RegistryAuth): unknown {
  if (!(error instanceof EngineError) || !AUTH_REFUSED.test(error.message)) return error;
  const login = `docker login ${registry === 'https://index.docker.io/v1/' ? '' : registry}`.trim();
  const found =
    auth.header === undefined
      ? `This server found no credential for ${registry} (it reads ${auth.configFile}, as the Docker CLI does).`
      : `This server sent the credential from ${auth.source}, and the registry refused it.`;
  return rewordEngineError(
    error,
    `the registry ${registry} refused the pull: ${error.message}. ${found} Log in as the user this server runs as (${login}, with the same DOCKER_CONFIG), then call image_pull again.`,
  );
}
