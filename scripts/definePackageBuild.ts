import type { UserConfig } from 'tsdown';

/** How one workspace package is built (see {@link definePackageBuild}). */
export interface PackageBuildOptions {
  /** Entry modules, relative to the package. Default `['src/index.ts']`. */
  entries?: string[];
  /**
   * Entries whose types are published: one bundled `.d.ts` each, named after the entry (shared
   * declarations go to a chunk beside them). Default: every entry. An entry left out (a CLI)
   * gets JavaScript only.
   */
  typedEntries?: string[];
  /**
   * `'browser'` (default): code that runs in browsers and in server runtimes (Node, edge), built
   * for ES2022. `'node'`: Node-only code (`node:` modules), built for Node 20.
   */
  runtime?: 'browser' | 'node';
  /**
   * One output file per source module (default `false`: one file per entry). A package that
   * imports its peers (react, @tanstack/react-query) from many modules needs this: in one bundle
   * every consumer keeps every peer import statement, while separate modules under
   * `"sideEffects": false` let bundlers drop the unused ones whole (commit 1541920). Its types
   * stay one bundled `.d.ts` per entry.
   */
  perModule?: boolean;
  /**
   * Packages bundled into the output although imported by name, e.g. a private workspace
   * package such as `@playauth/vod-model` that users never install. Default `[]`: the package's
   * `dependencies` and `peerDependencies` stay imports, as always.
   */
  bundle?: (string | RegExp)[];
  /**
   * Also build the typed entries into `dist/development/` for the package's `"development"`
   * export condition (default `false`). Developer diagnostics sit behind
   * `(typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'`, which the
   * default build keeps for bundlers to fold; in a browser on a Vite or webpack dev server there
   * is no `process`, so that check alone picks the production texts. The development build has
   * the check folded to `true` (see {@link DEVELOPMENT_DEFINE}): long messages and no `process`.
   * Bundlers resolve one condition per package, so an app loads one of the two builds, never
   * both.
   */
  developmentBuild?: boolean;
}

/**
 * What the development build replaces: `process` becomes an object literal (so `typeof process`
 * is "object"; Rolldown's define takes no `typeof` keys) and `process.env.NODE_ENV` becomes
 * "development", so every development check folds to `true`, the short production branch is
 * dropped, and no `process` is left in the output.
 */
export const DEVELOPMENT_DEFINE: Readonly<Record<string, string>> = {
  process: '{"env":{"NODE_ENV":"development"}}',
  'process.env.NODE_ENV': '"development"',
};

/**
 * The one build of every `@playauth/*` package, with tsdown (Rolldown; supports Node >= 20.19,
 * the engines this repo declares): ESM only, `.js` files (the packages are `"type": "module"`),
 * non-empty source maps, bundled `.d.ts` per typed entry, `dist/` cleaned first. Each package's
 * `tsdown.config.ts` is one call; `npm run build` in the package runs `tsdown`.
 *
 * @returns tsdown configs for `export default`: one, or two with `perModule` (JavaScript per
 * module, then the bundled types into the same `dist/`; tsdown cleans it once for both), plus
 * the JavaScript of `dist/development/` with `developmentBuild`.
 * @throws {TypeError} when `typedEntries` names a module that is not an entry.
 * @example
 * // packages/emulator/tsdown.config.ts
 * export default definePackageBuild({
 *   entries: ['src/index.ts', 'src/cli.ts'],
 *   typedEntries: ['src/index.ts'],
 *   runtime: 'node',
 * });
 */
export function definePackageBuild(options: PackageBuildOptions = {}): UserConfig[] {
  const {
    entries = ['src/index.ts'],
    typedEntries = entries,
    runtime = 'browser',
    perModule = false,
    bundle = [],
    developmentBuild = false,
  } = options;
  const untyped = typedEntries.filter((entry) => !entries.includes(entry));
  if (untyped.length > 0) {
    throw new TypeError(
      `definePackageBuild: typedEntries ${untyped.join(', ')} are not in entries (${entries.join(', ')}); list every typed module in entries too`,
    );
  }
  const common: UserConfig = {
    format: 'esm',
    platform: runtime === 'node' ? 'node' : 'neutral',
    target: runtime === 'node' ? 'node20' : 'es2022',
    tsconfig: 'tsconfig.build.json',
    outDir: 'dist',
    fixedExtension: false,
    deps: { alwaysBundle: bundle },
    // Size is measured by size-limit (`npm run size`), on what a consumer's bundler keeps.
    report: false,
    // Type bundling is the slow part by design; Rolldown's timing hint about it is noise here.
    checks: { pluginTimings: false },
  };
  const typesWithJs = !perModule && typedEntries.length === entries.length;
  const javascript: UserConfig = {
    ...common,
    entry: entries,
    sourcemap: true,
    unbundle: perModule,
    dts: typesWithJs,
  };
  // The same modules with the development checks folded: `dce-only` drops the dead production
  // branches and keeps the code readable (no mangling); the types are the default build's.
  const development: UserConfig[] = developmentBuild
    ? [
        {
          ...javascript,
          entry: typedEntries,
          outDir: 'dist/development',
          dts: false,
          define: { ...DEVELOPMENT_DEFINE },
          minify: 'dce-only',
        },
      ]
    : [];
  if (typesWithJs) return [javascript, ...development];
  const types: UserConfig = {
    ...common,
    entry: typedEntries,
    dts: { emitDtsOnly: true },
  };
  return [javascript, types, ...development];
}
