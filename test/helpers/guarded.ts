/**
 * Every tool the default --confirm guards, as a case the confirmation tests drive: a fresh
 * target on the real engine, the arguments, and checks of the engine's real state that
 * tell "nothing changed" from "done".
 */
import { createContainer, docker, FILE_LABEL, inspect, uniqueName } from './docker.js';
import { engineReadFile, putFiles } from './files.js';
import { hasImage, importRandomImage } from './registry.js';

export interface GuardedCase {
  tool: string;
  /** Make the target; the answer is the arguments for the call. */
  prepare: () => Promise<Target>;
}

export interface Target {
  args: Record<string, unknown>;
  unchanged: () => Promise<boolean>;
  done: () => Promise<boolean>;
}

async function startedAt(id: string): Promise<string | undefined> {
  const answer = await docker<{ State: { StartedAt: string } }>('GET', `/containers/${id}/json`);
  return answer.status === 200 ? answer.body.State.StartedAt : undefined;
}

const running = async (id: string) => (await inspect(id))?.State.Running === true;

/** A running container: unchanged while it runs on from the same start. */
async function runningTarget(
  args: Record<string, unknown>,
  done: (id: string, started: string | undefined) => Promise<boolean>,
): Promise<Target> {
  const { id } = await createContainer();
  const started = await startedAt(id);
  return {
    args: { id, ...args },
    unchanged: async () => (await running(id)) && (await startedAt(id)) === started,
    done: () => done(id, started),
  };
}

async function existingTarget(args: (id: string, tag: string) => Record<string, unknown>) {
  const tag = uniqueName('prune');
  const { id } = await createContainer({ start: false, labels: { 'cmcp.prune': tag } });
  return {
    args: args(id, tag),
    unchanged: async () => (await inspect(id)) !== undefined,
    done: async () => (await inspect(id)) === undefined,
  };
}

export const GUARDED_CASES: GuardedCase[] = [
  {
    tool: 'container_stop',
    prepare: () => runningTarget({ t: 0 }, async (id) => !(await running(id))),
  },
  {
    tool: 'container_restart',
    prepare: () =>
      runningTarget(
        { t: 0 },
        async (id, before) => (await running(id)) && (await startedAt(id)) !== before,
      ),
  },
  {
    tool: 'container_kill',
    prepare: () => runningTarget({}, async (id) => !(await running(id))),
  },
  {
    tool: 'container_delete',
    prepare: () => existingTarget((id) => ({ id, v: true })),
  },
  {
    tool: 'container_prune',
    prepare: () =>
      existingTarget((_id, tag) => ({ filters: { label: [FILE_LABEL, `cmcp.prune=${tag}`] } })),
  },
  {
    tool: 'put_container_archive',
    async prepare() {
      const { id } = await createContainer({ start: false });
      await putFiles(id, '/', [{ name: 'app/existing.txt', content: 'old\n' }]);
      const content = async () => (await engineReadFile(id, '/app/existing.txt')).toString();
      return {
        args: { id, path: '/app', files: [{ path: 'existing.txt', content: 'new\n' }] },
        unchanged: async () => (await content()) === 'old\n',
        done: async () => (await content()) === 'new\n',
      };
    },
  },
  {
    tool: 'image_delete',
    async prepare() {
      const name = `container-mcp-guarded/${uniqueName('delete')}`;
      await importRandomImage(name, 'v1', 1024);
      return {
        args: { image: `${name}:v1` },
        unchanged: () => hasImage(`${name}:v1`),
        done: async () => !(await hasImage(`${name}:v1`)),
      };
    },
  },
  {
    tool: 'image_prune',
    async prepare() {
      // An untagged image of its own label: the prune's filter selects it and nothing else.
      const tag = uniqueName('prune');
      const { id } = await createContainer({ start: false });
      const change = encodeURIComponent(`LABEL cmcp.prune=${tag}`);
      const committed = await docker<{ Id: string }>(
        'POST',
        `/commit?container=${id}&changes=${change}`,
      );
      const image = committed.body.Id;
      return {
        args: { filters: { label: [`cmcp.prune=${tag}`] } },
        unchanged: () => hasImage(image),
        done: async () => !(await hasImage(image)),
      };
    },
  },
];

/** Every case's target, made at once (container creation dominates these tests' time). */
export async function prepareAll(): Promise<Map<string, Target>> {
  const targets = await Promise.all(GUARDED_CASES.map((c) => c.prepare()));
  return new Map(GUARDED_CASES.map((c, index) => [c.tool, targets[index] as Target]));
}
