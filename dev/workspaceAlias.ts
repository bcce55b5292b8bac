import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A Vite alias entry matching one import specifier exactly. */
export interface WorkspaceAlias {
  find: RegExp;
  replacement: string;
}

/**
 * `@playauth/*` resolved to the package sources, exactly as the root tsconfig's `paths` say (read
 * from it, so the type checker and Vite share one list). Exact-match patterns, so
 * `@playauth/testing/msw` is never taken for a subpath of `@playauth/testing`.
 *
 * Source mode is for the unit tests, Storybook and the benchmarks (a fresh clone has no `dist/`);
 * the e2e tests use no alias and run the built packages, as users install them.
 *
 * @example
 * ```ts
 * defineConfig({ resolve: { alias: workspaceAlias() } });
 * ```
 */
export function workspaceAlias(): WorkspaceAlias[] {
  const root = new URL('../', import.meta.url);
  const tsconfig = JSON.parse(readFileSync(new URL('tsconfig.json', root), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => ({
    find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`),
    replacement: fileURLToPath(new URL(target ?? '', root)),
  }));
}
