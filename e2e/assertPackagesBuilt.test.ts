import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertPackagesBuilt,
  exportedFiles,
  type PublicPackage,
  publicPackages,
} from './assertPackagesBuilt';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakePackage(files: string[]): PublicPackage {
  const dir = `${mkdtempSync(join(tmpdir(), 'playauth-built-'))}/`;
  dirs.push(dir);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return {
    name: '@playauth/fake',
    dir,
    manifest: {
      name: '@playauth/fake',
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './package.json': './package.json',
      },
      bin: { fake: './dist/cli.js' },
    },
  };
}

describe('assertPackagesBuilt', () => {
  it('lists the public workspace packages with what their exports and bin name', () => {
    const names = publicPackages().map((pkg) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(['@playauth/core', '@playauth/react']));
    expect(exportedFiles(fakePackage([]))).toEqual([
      './dist/index.d.ts',
      './dist/index.js',
      './dist/cli.js',
    ]);
  });

  it('passes when every exported file exists (the real packages: npm test built them)', () => {
    expect(() =>
      assertPackagesBuilt([fakePackage(['dist/index.d.ts', 'dist/index.js', 'dist/cli.js'])]),
    ).not.toThrow();
    expect(() => assertPackagesBuilt()).not.toThrow();
  });

  it('names each missing file and says to build first', () => {
    expect(() => assertPackagesBuilt([fakePackage(['dist/index.d.ts'])])).toThrow(
      /@playauth\/fake: \.\/dist\/index\.js\n {2}@playauth\/fake: \.\/dist\/cli\.js\nRun `npm run build` first/,
    );
  });
});
