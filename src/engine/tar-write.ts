/** Building a tar for an upload from files held in memory (they arrived in one request). */
import { pack } from 'tar-stream';

export interface PackedFile {
  /** Relative to the extraction directory, already checked ("conf/app.ini"). */
  name: string;
  content: Buffer;
  /** Permission bits, e.g. 0o644. */
  mode: number;
}

export async function packFiles(files: readonly PackedFile[], mtime = new Date()): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const file of files) {
    await new Promise<void>((resolve, reject) => {
      archive.entry(
        { name: file.name, size: file.content.length, mode: file.mode, mtime, type: 'file' },
        file.content,
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }
  archive.finalize();
  await collected;
  return Buffer.concat(chunks);
}
