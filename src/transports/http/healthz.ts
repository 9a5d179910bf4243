/**
 * GET /healthz: liveness for load balancers and supervisors. Without the token it says
 * only "ok"; with it, the mode, open sessions and whether the engine answers.
 */
import type { ServerResponse } from 'node:http';
import type { Engine } from '../../engine/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../version.js';
import type { McpEndpoint } from './endpoint.js';
import { sendJson } from './respond.js';
import { deadlineSignal } from '../../engine/deadline.js';

const ENGINE_CHECK_MS = 2_000;

export async function answerHealth(
  res: ServerResponse,
  details: { engine: Engine; endpoint: McpEndpoint; stateless: boolean } | undefined,
): Promise<void> {
  const headers = { 'cache-control': 'no-store' };
  if (!details) return sendJson(res, 200, { status: 'ok' }, headers);
  const { engine, endpoint, stateless } = details;
  let engineState: Record<string, unknown>;
  try {
    const info = await engine.engineInfo(deadlineSignal(ENGINE_CHECK_MS));
    engineState = { address: engine.displayAddress, reachable: true, ...info };
  } catch (error) {
    engineState = {
      address: engine.displayAddress,
      reachable: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  sendJson(
    res,
    200,
    {
      status: 'ok',
      server: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
      mode: stateless ? 'stateless' : 'sessions',
      [stateless ? 'requestsInFlight' : 'sessions']: endpoint.size,
      engine: engineState,
    },
    headers,
  );
}
