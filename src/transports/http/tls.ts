/** --tls-cert and --tls-key, read once at start-up; a problem is a usage error naming the file. */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { UsageError } from '../../config.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export function loadTls(certPath: string, keyPath: string): TlsFiles {
  const read = (flag: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new UsageError(`--${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : message}`);
    }
  };
  const files = { cert: read('tls-cert', certPath), key: read('tls-key', keyPath) };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new UsageError(
      `--tls-cert ${certPath} / --tls-key ${keyPath}: not a usable PEM certificate and key (${(error as Error).message})`,
    );
  }
  return files;
}
