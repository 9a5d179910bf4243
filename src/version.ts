/** The package's own name and version, read from package.json next to src/ and dist/. */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

export const PACKAGE_NAME = pkg.name;
export const PACKAGE_VERSION = pkg.version;
