import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { exportedFiles, type PublicPackage, publicPackages } from './assertPackagesBuilt';
import { localReferences } from './localReferences';

// What `npm publish` would upload, checked on npm's own file list of each built package
// (`npm pack --dry-run --json`): the files users get, their README links, their source maps, and
// that `npm publish --dry-run` has nothing to warn about. issue 13.

const run = promisify(execFile);
const packages = publicPackages();

// A throwaway npm user config: no login is needed for a dry run, but without a token npm warns
// about it; and no update check (no network).
const npmHome = mkdtempSync(join(tmpdir(), 'playauth-npmrc-'));
const userconfig = join(npmHome, 'npmrc');
writeFileSync(userconfig, '//registry.npmjs.org/:_authToken=dry-run-placeholder\n');
afterAll(() => rmSync(npmHome, { recursive: true, force: true }));

async function npm(pkg: PublicPackage, args: string[]) {
  return run('npm', [...args, '--userconfig', userconfig, '--no-update-notifier'], {
    cwd: pkg.dir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

const packed = new Map<string, Promise<string[]>>();
/** The paths `npm pack` puts into the tarball of `pkg`. */
function packedFiles(pkg: PublicPackage): Promise<string[]> {
  let files = packed.get(pkg.name);
  if (!files) {
    files = npm(pkg, ['pack', '--dry-run', '--json']).then(({ stdout }) =>
      (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((file) => file.path),
    );
    packed.set(pkg.name, files);
  }
  return files;
}

describe('localReferences', () => {
  it('finds relative links, images, HTML and repository paths in code spans, not URLs', () => {
    const md = [
      '[a](docs/a.md) ![b](./img/b.png "t") [c](https://x.example/c) [d](#d)',
      '<img src="media/x.svg"> `src/x.test.ts` `@playauth/testing/msw` `app/route.ts`',
      '[ref]: ./LICENSE',
      '[`src/linked.ts`](https://x.example/src/linked.ts)',
    ].join('\n');
    expect(localReferences(md).sort()).toEqual(
      ['docs/a.md', 'img/b.png', 'media/x.svg', 'src/x.test.ts', 'LICENSE'].sort(),
    );
  });
});

describe.each(packages.map((pkg) => [pkg.name, pkg] as const))('packed %s', (_, pkg) => {
  it('ships dist with its types, README, LICENSE and package.json, and no tests or sources', async () => {
    const files = await packedFiles(pkg);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    for (const file of exportedFiles(pkg)) expect(files).toContain(file.replace(/^\.\//, ''));
    expect(files.some((file) => /^dist\/.*\.d\.ts$/.test(file))).toBe(true);
    const unwanted = files.filter(
      (file) =>
        /(?:^|\/)__tests__\/|\.test(?:-d)?\.[cm]?[jt]sx?$|\.stories\./.test(file) ||
        /^(?:src|scripts|e2e|bench)\//.test(file) ||
        /(?:^|\/)(?:tsconfig[\w.]*\.json|tsdown\.config\.ts)$/.test(file),
    );
    expect(unwanted).toEqual([]);
    // The licence is the root one, and the one package.json declares.
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(
      readFileSync(new URL('../LICENSE', import.meta.url), 'utf8'),
    );
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('has a README whose relative links all resolve to files in the tarball', async () => {
    const files = new Set(await packedFiles(pkg));
    for (const readme of [...files].filter((file) => /(?:^|\/)README\.md$/.test(file))) {
      const base = readme.includes('/') ? readme.slice(0, readme.lastIndexOf('/') + 1) : '';
      const missing = localReferences(readFileSync(join(pkg.dir, readme), 'utf8'))
        .map((target) => new URL(target, `file:///pkg/${base}`).pathname.slice('/pkg/'.length))
        .filter(
          (target) => !files.has(target) && ![...files].some((f) => f.startsWith(`${target}/`)),
        );
      expect({ readme, missing }).toEqual({ readme, missing: [] });
    }
  });

  it('ships source maps that are non-empty and carry their sources', async () => {
    const maps = (await packedFiles(pkg)).filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(pkg.dir, file), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
        mappings: string;
      };
      // Maps point at ../src, which is not shipped: each source's text must be inside.
      expect({ file, sources: map.sources.length > 0 }).toEqual({ file, sources: true });
      expect({ file, mappings: map.mappings.replace(/[;,]/g, '') !== '' }).toEqual({
        file,
        mappings: true,
      });
      expect({
        file,
        contents: map.sources.map((_, i) => (map.sourcesContent?.[i] ?? '').length > 0),
      }).toEqual({ file, contents: map.sources.map(() => true) });
    }
  });

  it('publishes cleanly (npm publish --dry-run: no warning)', async () => {
    const { stdout, stderr } = await npm(pkg, ['publish', '--dry-run', '--json']);
    expect(stderr.split('\n').filter((line) => /^npm (?:warn|error)/i.test(line))).toEqual([]);
    expect(stderr).not.toMatch(/default access/);
    const [summary] = Object.values(JSON.parse(stdout) as Record<string, { name: string }>);
    expect(summary?.name).toBe(pkg.name);
  });
});
