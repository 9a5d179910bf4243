/**
 * container_top's ps_args as an allowlist, on each engine. dockerd runs the host's ps with
 * the arguments (again without its `-q <pids>` when ps refuses the pair, over every host
 * process) and keeps the container's rows; Podman reads the processes itself for its own
 * descriptors and runs ps inside the container for anything else. The accepted forms show
 * the container's own processes on both, and on Podman run nothing in the container (the
 * container here has no `ps` at all: Podman would fail to run it); every form that selects other processes, renames a column or
 * adds the environment is refused before the engine sees it, listing what is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  isPodman,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let session: Session;
let readOnly: Session;
let target: TestContainer;
let podman: boolean;

beforeAll(async () => {
  [session, readOnly, target, podman] = await Promise.all([
    startServer(),
    startServer({ args: ['--read-only'] }),
    // No ps inside: Podman answers only if it reads the processes itself.
    createContainer({ cmd: ['sh', '-c', 'rm /bin/ps && exec sleep 3600'] }),
    isPodman(),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), readOnly?.close()]);
  await removeTestContainers();
});

interface Top {
  titles: string[];
  processes: string[][];
}

describe('ps_args the server passes', () => {
  it.each([
    ['-ef', 'COMMAND|CMD'],
    ['aux', 'COMMAND'],
    ['-f', 'COMMAND|CMD'],
    ['-o pid,user,args', 'COMMAND'],
    ['-eo pid,comm', 'COMMAND'],
    ['axo pid,etime,args', 'COMMAND'],
    ['--format=pid,args', 'COMMAND'],
  ])("%s shows the container's own processes, running nothing in it", async (psArgs, command) => {
    const top = dataOf<Top>(
      await call(readOnly, 'container_top', { id: target.name, ps_args: psArgs }),
    );
    expect(top.titles).toContain('PID');
    const last = top.titles.at(-1) ?? '';
    expect(last).toMatch(new RegExp(`^(${command})$`));
    for (const row of top.processes) expect(row).toHaveLength(top.titles.length);
    const commands = top.processes.map((row) => row.at(-1));
    expect(commands).toContainEqual(expect.stringMatching(/^sleep( 3600)?$/));
    expect(commands.filter((c) => /^ps\b/.test(c ?? ''))).toEqual([]);
  });

  it('says on Podman which columns its reader lacks, running nothing', async () => {
    const result = await call(session, 'container_top', {
      id: target.name,
      ps_args: '-o pid,pmem,args',
    });
    if (!podman) {
      expect(dataOf<Top>(result).titles).toEqual(['PID', '%MEM', 'COMMAND']);
      return;
    }
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/its own reader, which has no column "pmem"; nothing was run/);
  });
});

describe('ps_args that reach past the container', () => {
  it.each([
    ['-eoargs=PID --sort=-pid', /"args=PID": columns are named as ps names them, without "="/],
    ['-oargs=PID', /"args=PID": columns are named/],
    ['-e -o pid,args=CMD', /"args=CMD": columns are named/],
    ['-o pid:12,args', /"pid:12": columns are named/],
    ['e', /"e": "e" is not a ps option this server passes/],
    ['axe', /"axe": "e" is not a ps option/],
    ['aux --sort=-pid', /"--sort=-pid" is not a ps option/],
    ['-p 1 -o pid,args', /"-p": "-p" is not a ps option/],
    ['-u root', /"-u": "-u" is not a ps option/],
    ['U root', /"U": "U" is not a ps option/],
    ['-C sleep', /"-C": "-C" is not a ps option/],
    ['-N -o pid,args', /"-N": "-N" is not a ps option/],
    ['f', /"f": "f" is not a ps option/],
    ['1', /"1": "1" is not a ps option/],
    ['-o args,pid', /"args" can hold spaces: put "pid" before it/],
    ['-o lstart,pid', /"lstart" can hold spaces/],
    ['-o comm', /the columns must include "pid"/],
    ['-ef -o pid,args', /"f" chooses its own format, which ps does not combine with -o/],
    ['-o pid,environ', /"environ" is not a known ps column/],
  ])('%s is refused, listing what is accepted', async (psArgs, reason) => {
    const result = await call(readOnly, 'container_top', { id: target.name, ps_args: psArgs });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^Invalid arguments for container_top:\n- ps_args: /);
    expect(text).toMatch(reason);
    expect(text).toContain('accepted: UNIX options -e, -A, -f');
    expect(text).toContain('columns: pid, ppid');
    // The engine never ran ps: no error of its own, no word of another process.
    expect(text).not.toMatch(/Unexpected pid|Engine error/);
  });
});
