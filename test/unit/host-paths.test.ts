/**
 * Host paths in both forms an engine may be given (POSIX and Windows), and the rules built
 * on them: --allow-bind roots, bind sources in container_create, and the export directory.
 */
import { describe, expect, it } from 'vitest';
import {
  bindSource,
  hostPathForm,
  isVolumeName,
  isWithin,
  normalizeHostPath,
} from '../../src/containers/host-paths.js';
import type { GuardFacts } from '../../src/safety/policy/guard-facts.js';
import { generatedMountBeneath } from '../../src/safety/policy/host-walk.js';
import { guardCreate } from '../../src/safety/policy/settings-guard.js';
import { parseCommandLine } from '../../src/cli/parse.js';

describe('host path forms', () => {
  it.each([
    ['/srv/data', 'posix'],
    ['/c/Users/me', 'posix'],
    ['C:\\Users\\me', 'windows'],
    ['c:/Users/me', 'windows'],
    ['\\\\server\\share\\x', 'windows'],
    ['\\\\?\\C:\\x', 'windows'],
    ['C:data', undefined],
    ['data', undefined],
    ['./data', undefined],
    ['~/data', undefined],
  ])('%s is %s', (path, form) => {
    expect(hostPathForm(path)).toBe(form);
  });

  it('normalizes each form by its own rules', () => {
    expect(normalizeHostPath('/data/../etc/')).toBe('/etc');
    expect(normalizeHostPath('c:/Users/me/../you\\x')).toBe('C:\\Users\\you\\x');
    expect(normalizeHostPath('C:\\data\\..\\..\\Windows')).toBe('C:\\Windows');
    expect(normalizeHostPath('\\\\server\\share\\a\\..\\b')).toBe('\\\\server\\share\\b');
  });

  it('compares whole parts, Windows paths without case, never across forms', () => {
    expect(isWithin('C:\\Users\\Me\\data\\x', 'c:\\users\\me\\DATA')).toBe(true);
    expect(isWithin('C:\\Users\\me\\data2', 'C:\\Users\\me\\data')).toBe(false);
    expect(isWithin('C:\\anything', 'C:\\')).toBe(true);
    expect(isWithin('D:\\x', 'C:\\')).toBe(false);
    expect(isWithin('/c/Users/me', 'C:\\')).toBe(false);
    expect(isWithin('C:\\Users', '/')).toBe(false);
    expect(isWithin('/data/x', '/data')).toBe(true);
    expect(isWithin('/Data/x', '/data')).toBe(false);
  });

  it('reads a bind source past a drive letter', () => {
    expect(bindSource('C:\\data:/data:ro')).toBe('C:\\data');
    expect(bindSource('c:/data:/data')).toBe('c:/data');
    expect(bindSource('/srv:/srv:ro')).toBe('/srv');
    expect(bindSource('named:/z')).toBe('named');
    expect(isVolumeName('named')).toBe(true);
    for (const source of ['C:\\data', './x', '~/x', 'a/b', 'x'])
      expect(isVolumeName(source)).toBe(false);
  });
});

describe('bind mounts in Windows form', () => {
  // A local engine whose paths need no resolving, and nothing else on it.
  const facts: GuardFacts = {
    hostPaths: { local: true, resolve: (path) => path },
    container: () => Promise.resolve(undefined),
    networkDriver: () => Promise.resolve(undefined),
    defaultRuntime: () => Promise.resolve('runc'),
    volume: () => Promise.resolve(undefined),
  };
  const guard = async (binds: string[], allowBinds: string[] = []) =>
    (
      await guardCreate(
        { Image: 'x', HostConfig: { Binds: binds } },
        { allowPrivileged: false, allowBinds },
        facts,
      )
    ).problems;

  it('are host paths held to --allow-bind, not volume names', async () => {
    const [problem] = await guard(['C:\\Users\\me\\.ssh:/keys:ro']);
    expect(problem).toMatch(
      /^body\.HostConfig\.Binds\[0\]: .* mounts the host path C:\\Users\\me\\\.ssh, .*--allow-bind C:\\Users\\me\\\.ssh/,
    );
    expect(await guard(['\\\\server\\share:/s'])).toHaveLength(1);
    expect(await guard(['./relative:/r'])).toHaveLength(1);
    expect(await guard(['named:/v', '/anonymous'])).toEqual([]);
  });

  it('are allowed under a root of the same form, whatever the case and separators', async () => {
    expect(await guard(['c:/users/me/src/app:/app'], ['C:\\Users\\me\\src'])).toEqual([]);
    expect(await guard(['C:\\Users\\me\\src\\..\\.ssh:/k'], ['C:\\Users\\me\\src'])).toHaveLength(
      1,
    );
    // Docker Desktop's /c/... spelling is another form: it needs its own root
    expect(await guard(['/c/Users/me/src:/app'], ['C:\\Users\\me\\src'])).toHaveLength(1);
    expect(await guard(['/c/Users/me/src:/app'], ['/c/Users/me/src'])).toEqual([]);
  });
});

describe('--allow-bind', () => {
  const roots = (...values: string[]) =>
    parseCommandLine(
      values.flatMap((value) => ['--allow-bind', value]),
      {},
    ).config.policy.allowBinds;

  it('takes absolute roots in either form, normalized', () => {
    expect(roots('C:\\Users\\me\\src\\', 'd:/data/../srv')).toEqual([
      'C:\\Users\\me\\src',
      'D:\\srv',
    ]);
  });

  it('refuses a relative root, showing both forms', () => {
    expect(() => roots('data')).toThrow(
      /must be an absolute host path, e.g\. \/srv\/data \(or C:\\data/,
    );
  });
});

describe('mounts beneath a bind source', () => {
  // /proc/self/mountinfo lines: the mount point is the fifth field, the type after " - ".
  const MOUNTINFO = [
    '22 1 0:21 / /proc rw,nosuid - proc proc rw',
    '23 1 0:22 / /sys rw - sysfs sysfs rw',
    '40 30 0:50 / /srv/build/chroot/proc rw - proc proc rw',
    '41 30 0:51 / /srv/with\\040space/proc rw - proc proc rw',
    '42 30 8:1 / /srv/data rw - ext4 /dev/sda1 rw',
  ].join('\n');

  it("finds the kernel's proc or sysfs strictly beneath a path, by the kernel's spelling", () => {
    expect(generatedMountBeneath('/srv/build', MOUNTINFO)).toEqual({
      filesystem: 'proc',
      at: '/srv/build/chroot/proc',
    });
    expect(generatedMountBeneath('/srv/with space', MOUNTINFO)?.at).toBe('/srv/with space/proc');
    expect(generatedMountBeneath('/', MOUNTINFO)?.at).toBe('/proc');
  });

  it('finds nothing beside, above a prefix, or at the path itself (the walk judges that)', () => {
    expect(generatedMountBeneath('/srv/data', MOUNTINFO)).toBeUndefined();
    expect(generatedMountBeneath('/srv/buil', MOUNTINFO)).toBeUndefined();
    expect(generatedMountBeneath('/proc', MOUNTINFO)).toBeUndefined();
    expect(generatedMountBeneath('/srv/build', '')).toBeUndefined();
  });
});
