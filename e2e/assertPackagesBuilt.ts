import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

/** A public workspace package as the e2e tests import it: its folder and its manifest. */
export interface PublicPackage {
  name: string;
  /** Absolute path of the package folder. */
  dir: string;
  manifest: {
    name: string;
    private?: boolean;
    exports?: Record<string, unknown>;
    bin?: Record<string, string>;
  };
}

/** Every workspace package that is published (`private` ones are bundled into others). */
export function publicPackages(): PublicPackage[] {
  const { workspaces } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
    workspaces: string[];
  };
  return workspaces
    .map((workspace) => {
      const dir = fileURLToPath(new URL(`${workspace}/`, root));
      const manifest = JSON.parse(
        readFileSync(`${dir}package.json`, 'utf8'),
      ) as PublicPackage['manifest'];
      return { name: manifest.name, dir, manifest };
    })
    .filter((pkg) => !pkg.manifest.private);
}

/** Every file a package's `exports` and `bin` point at, relative to its folder. */
export function exportedFiles(pkg: PublicPackage): string[] {
  const files = new Set<string>();
  const walk = (target: unknown) => {
    if (typeof target === 'string') files.add(target);
    else if (target && typeof target === 'object') Object.values(target).forEach(walk);
  };
  walk(pkg.manifest.exports);
  walk(pkg.manifest.bin);
  return [...files].filter((file) => file !== './package.json');
}

/**
 * Throws when a public package's `dist` lacks a file its `exports` (or `bin`) name: the e2e tests
 * run the built packages, as users install them, and a missing build would otherwise surface as a
 * confusing resolution error deep inside a test. `npm test` builds first.
 */
export function assertPackagesBuilt(packages: PublicPackage[] = publicPackages()): void {
  const missing = packages.flatMap((pkg) =>
    exportedFiles(pkg)
      .filter((file) => !existsSync(join(pkg.dir, file)))
      .map((file) => `${pkg.name}: ${file}`),
  );
  if (missing.length > 0) {
    throw new Error(
      `The e2e tests run the built packages, but these files are missing:\n  ${missing.join('\n  ')}\n` +
        'Run `npm run build` first (`npm test` does).',
    );
  }
}
