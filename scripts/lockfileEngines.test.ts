import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  engines?: { node?: string } | string[];
}

const read = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as T;

const declared = read<{ engines: { node: string } }>('package.json').engines.node;
const lock = read<{ packages: Record<string, LockedPackage> }>('package-lock.json');

/**
 * Locked packages whose `engines.node` excludes `version`: npm installs them with an EBADENGINE
 * warning, and tools that need a newer Node break at run time (tsup 9 needed Node 22).
 */
function unsupportedAt(version: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path, pkg]) => {
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      return path !== '' && range !== undefined && !semver.satisfies(version, range);
    })
    .map(([path, pkg]) => `${path} (node ${(pkg.engines as { node: string }).node})`);
}

describe(`every locked package supports the Node the project declares (${declared})`, () => {
  const lowest = semver.minVersion(declared)?.version ?? declared;

  it(`runs on the lowest declared version, ${lowest}`, () => {
    expect(unsupportedAt(lowest)).toEqual([]);
  });

  it('runs on the Node this machine and CI use', () => {
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
    expect(unsupportedAt(process.versions.node)).toEqual([]);
  });
});
