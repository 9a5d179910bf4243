/**
 * A base image made from this machine's own Node runtime, for building the Dockerfile where
 * no registry can be reached (CI): the node binary and the shared libraries it loads (as
 * `ldd` lists them), imported with POST /images/create?fromSrc=- as scripts/test-engine.sh
 * builds the test image. Built once per engine and Node version, then reused.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { pack } from 'tar-stream';
import { docker, engineSocket } from './docker.js';

export const NODE_BASE = `container-mcp-test-node:${process.version}`;

/** The files a Linux node needs in an empty image: itself, its libraries and their loader. */
function runtimeFiles(): { path: string; source: string }[] {
  const ldd = execFileSync('ldd', [process.execPath], { encoding: 'utf8' });
  const libraries = [...ldd.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((match) => match[1] ?? '');
  return [
    { path: 'usr/local/bin/node', source: process.execPath },
    ...[...new Set(libraries)].map((path) => ({ path: path.slice(1), source: path })),
  ];
}

export async function nodeBaseImage(): Promise<string> {
  if ((await docker('GET', `/images/${NODE_BASE}/json`)).status === 200) return NODE_BASE;
  const tar = pack();
  const changes = ['ENV PATH=/usr/local/bin:/usr/bin:/bin'].map(
    (change) => `changes=${encodeURIComponent(change)}`,
  );
  const answer = new Promise<string>((resolve, reject) => {
    const req = request(
      {
        socketPath: engineSocket(),
        method: 'POST',
        path: `/v1.41/images/create?fromSrc=-&repo=${encodeURIComponent(NODE_BASE)}&${changes.join('&')}`,
        headers: { 'content-type': 'application/x-tar' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          res.statusCode === 200 && !body.includes('"error')
            ? resolve(body)
            : reject(new Error(`import of ${NODE_BASE}: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on('error', reject);
    tar.pipe(req);
  });
  tar.entry({ name: 'tmp', type: 'directory', mode: 0o1777 });
  for (const file of runtimeFiles()) {
    const real = realpathSync(file.source);
    const { size, mode } = statSync(real);
    await new Promise<void>((resolve, reject) => {
      const entry = tar.entry({ name: file.path, size, mode: mode & 0o7777 }, (error) =>
        error ? reject(error) : resolve(),
      );
      createReadStream(real).pipe(entry);
    });
  }
  tar.finalize();
  await answer;
  return NODE_BASE;
}
