import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExampleName, exampleSourceDir, PACKED_PACKAGES } from './exampleApp';

// The examples install @playauth/* from tarballs that change with every build. A lockfile entry
// with an `integrity` for one of them makes `npm ci` install the OLD tarball from npm's cache
// without a word, so the example tests would run yesterday's packages. updateExampleLock strips
// it; this test keeps a hand-made `npm install` from bringing it back.

const EXAMPLES: ExampleName[] = ['next-app', 'vite-react18'];

interface Lockfile {
  packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
}

describe.each(EXAMPLES)('examples/%s lockfile', (name) => {
  const dir = exampleSourceDir(name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as Lockfile;

  it('takes every @playauth package from its packed tarball', () => {
    for (const short of PACKED_PACKAGES) {
      const path = `file:.playauth/playauth-${short}.tgz`;
      expect(manifest.dependencies[`@playauth/${short}`]).toBe(path);
      expect(lock.packages[`node_modules/@playauth/${short}`]).toMatchObject({ resolved: path });
    }
  });

  it('has no integrity for the tarballs (npm ci would install a stale one from its cache)', () => {
    const pinned = Object.entries(lock.packages)
      .filter(([, entry]) => entry.resolved?.startsWith('file:') && entry.integrity)
      .map(([path]) => path);
    expect(pinned).toEqual([]);
  });

  it('links nothing (no workspace package, no folder outside the example)', () => {
    const linked = Object.entries(lock.packages)
      .filter(([, entry]) => entry.link)
      .map(([path]) => path);
    expect(linked).toEqual([]);
  });
});
