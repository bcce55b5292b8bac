import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A Vite alias entry. */
export interface ExactAlias {
  find: RegExp;
  replacement: string;
}

/**
 * `@playauth/*` resolved to the package sources exactly as the root tsconfig `paths` say (read
 * from it, so there is one list). Exact-match patterns, so `@playauth/testing/msw` is not taken
 * for a subpath of `@playauth/testing`.
 */
export function aliasFromTsconfig(): ExactAlias[] {
  const root = new URL('../', import.meta.url);
  const tsconfig = JSON.parse(readFileSync(new URL('tsconfig.json', root), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => ({
    find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`),
    replacement: fileURLToPath(new URL(target ?? '', root)),
  }));
}
