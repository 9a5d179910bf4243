/**
 * Container files for tests, through the engine directly (not the code under test): build
 * a tar, put it into a container, read a path back, stat a path.
 */
import { extract, pack } from 'tar-stream';
import { createContainer, docker, type TestContainer } from './docker.js';

export interface TarItem {
  name: string;
  content?: string | Buffer;
  /** 'link' is a hard link (tar-stream's name). */
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
}

export async function makeTar(items: readonly TarItem[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const item of items) {
    const content =
      typeof item.content === 'string'
        ? Buffer.from(item.content)
        : (item.content ?? Buffer.alloc(0));
    const type = item.type ?? 'file';
    const header = {
      name: item.name,
      type,
      mode: item.mode ?? (type === 'directory' ? 0o755 : 0o644),
      ...(item.linkname !== undefined && { linkname: item.linkname }),
    };
    if (type === 'file') archive.entry({ ...header, size: content.length }, content);
    else archive.entry(header);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Extract `items` into directory `path` of the container. */
export async function putFiles(id: string, path: string, items: readonly TarItem[]): Promise<void> {
  const answer = await docker(
    'PUT',
    `/containers/${id}/archive?path=${encodeURIComponent(path)}`,
    await makeTar(items),
  );
  if (answer.status !== 200)
    throw new Error(`put ${path}: ${answer.status} ${answer.raw.toString()}`);
}

export interface EngineStat {
  name: string;
  size: number;
  mode: number;
  linkTarget: string;
}

/** The engine's own stat of a path, or undefined when it is missing. */
export async function engineStat(id: string, path: string): Promise<EngineStat | undefined> {
  const answer = await docker('HEAD', `/containers/${id}/archive?path=${encodeURIComponent(path)}`);
  if (answer.status === 404) return undefined;
  const header = answer.headers['x-docker-container-path-stat'];
  return JSON.parse(Buffer.from(String(header), 'base64').toString('utf8')) as EngineStat;
}

/** A file's content as the engine has it. */
export async function engineReadFile(id: string, path: string): Promise<Buffer> {
  const answer = await docker('GET', `/containers/${id}/archive?path=${encodeURIComponent(path)}`);
  if (answer.status !== 200) throw new Error(`get ${path}: ${answer.status}`);
  const parser = extract();
  const reading = (async () => {
    for await (const entry of parser) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
    return Buffer.alloc(0);
  })();
  parser.end(answer.raw);
  return reading;
}

/** A running and a stopped container of this test file, each holding its files under "/". */
export async function runningAndStopped(
  runningFiles: readonly TarItem[],
  stoppedFiles: readonly TarItem[],
): Promise<{ running: TestContainer; stopped: TestContainer }> {
  const [running, stopped] = await Promise.all([
    createContainer(),
    createContainer({ start: false }),
  ]);
  await Promise.all([
    putFiles(running.id, '/', runningFiles),
    putFiles(stopped.id, '/', stoppedFiles),
  ]);
  return { running, stopped };
}

/**
 * Run a command in a running container through the engine directly and return its stdout
 * (the multiplexed stream's stdout frames), for checking what the code under test did.
 */
export async function engineExec(id: string, cmd: string[]): Promise<string> {
  const made = await docker<{ Id: string }>('POST', `/containers/${id}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  if (made.status !== 201) throw new Error(`exec ${cmd.join(' ')}: ${made.status}`);
  const ran = await docker('POST', `/exec/${made.body.Id}/start`, { Detach: false, Tty: false });
  const out: Buffer[] = [];
  for (let at = 0; at + 8 <= ran.raw.length;) {
    const size = ran.raw.readUInt32BE(at + 4);
    if (ran.raw[at] === 1) out.push(ran.raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(out).toString('utf8');
}

/** "0755 0:0 directory": a path's mode, owner and kind, as the container's stat says. */
export async function engineOwnership(id: string, path: string): Promise<string> {
  const out = await engineExec(id, ['/bin/busybox', 'stat', '-c', '%a %u:%g %F', path]);
  const [mode = '', owner = '', ...kind] = out.trim().split(' ');
  return `${mode.padStart(4, '0')} ${owner} ${kind.join(' ')}`;
}
