/** API versions are "major.minor" strings; compare them numerically, not as text. */

/** The newest API this server speaks: the seed document's version. */
export const MAX_API_VERSION = '1.45';
/** The oldest API this server will negotiate down to (Docker 1.13 / API 1.25 and later). */
export const MIN_API_VERSION = '1.25';

export function parseApiVersion(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)$/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2])];
}

export function compareApiVersions(a: string, b: string): number {
  const [aMajor, aMinor] = parseApiVersion(a) ?? [0, 0];
  const [bMajor, bMinor] = parseApiVersion(b) ?? [0, 0];
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

export function apiVersionAtLeast(version: string, minimum: string): boolean {
  return compareApiVersions(version, minimum) >= 0;
}

/** min(ours, the engine's), as the Docker CLI negotiates. */
export function negotiateApiVersion(engineVersion: string | undefined): string {
  if (engineVersion === undefined || parseApiVersion(engineVersion) === undefined) {
    // An engine that sends no Api-Version predates negotiation (API < 1.25): speak the
    // oldest version we support and let the engine refuse it clearly if it must.
    return MIN_API_VERSION;
  }
  const normalized = engineVersion.replace(/^v/, '');
  return compareApiVersions(normalized, MAX_API_VERSION) < 0 ? normalized : MAX_API_VERSION;
}

/** Release versions ("4.3.1", "5.1"): compared part by part, missing parts counting as 0. */
export function releaseAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const have = parts(version);
  const need = parts(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const difference = (have[i] ?? 0) - (need[i] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
