/**
 * The files `npm pack` puts in the package (package.json's `files`, plus what npm always
 * includes), as npm itself lists them: the desktop bundle and the image ship the same ones.
 */
import { execFileSync } from 'node:child_process';

export function packedFiles(root: string): string[] {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    shell: process.platform === 'win32',
  });
  const [pack] = JSON.parse(json) as { files: { path: string }[] }[];
  if (!pack) throw new Error('npm pack --dry-run listed nothing');
  return pack.files.map((file) => file.path);
}
