/**
 * A fake engine with one container, `web`, answering with what a real Docker 20.10 answered
 * (test/fixtures/engine/): enough for the in-process tier to drive the whole call pipeline
 * (lookup, preview, confirmation, the action, the state afterwards) in both protocol eras
 * without an engine. It counts the kills it was sent, so a test can tell "nothing was done"
 * from "done once". Behaviour against the real engine is tested in the engine tiers.
 */
import { readFileSync } from 'node:fs';
import { answerJson, answerPing, startFakeEngine, type FakeEngine } from './fake-engine.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/engine/${name}.json`, import.meta.url), 'utf8'));

const RUNNING = fixture('inspect-running') as { Id: string; Name: string };
const KILLED = fixture('inspect-killed');
const LIST = fixture('list') as { State: string; Status: string }[];
const VERSION = fixture('version');

export interface ScriptedEngine extends FakeEngine {
  id: string;
  kills: () => number;
  /** Start `web` again, and count kills from zero (a test's next round). */
  revive: () => void;
}

export async function startScriptedEngine(): Promise<ScriptedEngine> {
  let running = true;
  let kills = 0;
  const id = RUNNING.Id;
  const named = (ref: string) =>
    ref === 'web' || ref === id || (ref.length >= 4 && id.startsWith(ref));
  const fake = await startFakeEngine((req, res) => {
    const path = (req.url ?? '').split('?')[0]?.replace(/^\/v1\.\d+/, '') ?? '';
    if (path === '/_ping') return answerPing(res, '1.41');
    if (path === '/version') return answerJson(res, 200, VERSION);
    if (path === '/containers/json')
      return answerJson(
        res,
        200,
        LIST.map((row) => ({
          ...row,
          ...(!running && { State: 'exited', Status: 'Exited (137)' }),
        })),
      );
    const match = /^\/containers\/([^/]+)\/(json|kill)$/.exec(path);
    if (!match?.[1] || !named(decodeURIComponent(match[1])))
      return answerJson(res, 404, { message: `No such container: ${match?.[1] ?? path}` });
    if (match[2] === 'json') return answerJson(res, 200, running ? RUNNING : KILLED);
    if (!running) return answerJson(res, 409, { message: `Container ${id} is not running` });
    kills += 1;
    running = false;
    res.statusCode = 204;
    res.end();
  });
  const revive = () => {
    running = true;
    kills = 0;
  };
  return { ...fake, id, kills: () => kills, revive };
}
