/** A new image name is read by the engine's grammar before the engine sees it. */
import { describe, expect, it } from 'vitest';
import { newImageName } from '../../src/tools/images/schemas.js';

describe('a new image name', () => {
  it('takes what the engine stores', () => {
    for (const name of ['myapp', 'myapp:1.2', '127.0.0.1:5000/team/app:dev', 'ghcr.io/a/b'])
      expect(newImageName.safeParse(name).success, name).toBe(true);
  });

  it('refuses, saying why, what the engine would refuse', () => {
    const reason = (name: string) => newImageName.safeParse(name).error?.issues[0]?.message;
    expect(reason('MyApp:1')).toMatch(/^must be lower-case: must be "repository\[:tag\]"/);
    expect(reason('app@sha256:' + 'a'.repeat(64))).toMatch(/^names a digest, which a new name/);
    expect(reason('app:bad tag')).toMatch(/must be "repository\[:tag\]"/);
  });
});
