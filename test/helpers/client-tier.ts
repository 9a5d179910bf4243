/**
 * What the client-compatibility tier (test/clients/) shares: how a client library starts the
 * built server (stdio, its own process), the containers every client works on, and the
 * checks on what reaches the model.
 */
import { CLI } from './mcp.js';
import { createContainer, docker, eventually, FILE_LABEL, type TestContainer } from './docker.js';

/** The server as a user configures it in the client: guarded kills, this file's containers only. */
export function serverCommand(): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: process.execPath,
    args: [CLI, '--confirm', 'destructive', '--scope-label', FILE_LABEL, '--log-level', 'error'],
    env: { ...(process.env as Record<string, string>) },
  };
}

export interface ClientContainers {
  /** Running; has written LOG_LINES and /srv/app.ini. */
  web: TestContainer;
  /** Running; the kill confirmation ends it. */
  victim: TestContainer;
}

export const LOG_LINES = ['starting web', 'listening on :8080', 'GET / 200'];
export const APP_INI = '[app]\nport = 8080\n';

export async function clientContainers(): Promise<ClientContainers> {
  const script = `mkdir -p /srv; printf '${APP_INI.replace(/\n/g, '\\n')}' > /srv/app.ini; ${LOG_LINES.map((line) => `echo '${line}'`).join('; ')}; exec sleep 3600`;
  const [web, victim] = await Promise.all([
    createContainer({ cmd: ['sh', '-c', script] }),
    createContainer({ cmd: ['sleep', '3600'] }),
  ]);
  await eventually(async () => {
    const logs = await docker('GET', `/containers/${web.id}/logs?stdout=1`);
    return logs.raw.includes(LOG_LINES.at(-1)!);
  });
  return { web: web, victim: victim };
}

/** The token a confirmation answer's text gives: `"confirm": "<token>"`. */
export function tokenIn(text: string): string {
  const match = /"confirm": "([A-Za-z0-9_-]+)"/.exec(text);
  if (!match?.[1]) throw new Error(`no confirmation token in: ${text}`);
  return match[1];
}

/** The arguments of a converted schema that lost their type (the model would not know it). */
export function untypedArguments(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> })
    .properties;
  return Object.entries(properties ?? {})
    .filter(([, property]) => property.type === undefined && property.anyOf === undefined)
    .map(([name]) => name);
}

/** Whether the engine still runs the container (the kill went through when it does not). */
export async function isRunning(id: string): Promise<boolean> {
  const answer = await docker<{ State: { Running: boolean } }>('GET', `/containers/${id}/json`);
  return answer.body.State.Running;
}
