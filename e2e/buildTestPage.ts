import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { type AliasOptions, build, type Plugin } from 'vite';

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url));

/** Options of {@link buildTestPage}. */
export interface BuildTestPageOptions {
  /** Absolute output folder (emptied first). */
  outDir: string;
  /**
   * `true`: React's development build, unminified, with source maps (what the e2e tests want:
   * StrictMode checks and readable stacks). `false` (default): production React, minified, as an
   * app ships (what the benchmarks measure).
   */
  development?: boolean;
  /**
   * How `@playauth/*` resolve. Default: none, so the built packages (`dist`, through their
   * `exports`) as users install them; the benchmarks pass the workspace alias (sources).
   */
  alias?: AliasOptions;
}

/**
 * Builds the one test page (e2e/page: the e2e tests' and the browser benchmarks') as a single
 * classic script and returns the file: URL of its index.html. It is opened as a file: URL, the
 * only place the real SDK plays without a licence, and Chromium refuses module scripts there
 * (origin null).
 *
 * @example
 * ```ts
 * const pageUrl = await buildTestPage({ outDir: '/tmp/page', development: true });
 * await page.goto(`${pageUrl}?scenario=mount`);
 * ```
 */
export async function buildTestPage(options: BuildTestPageOptions): Promise<string> {
  const { outDir, development = false, alias = [] } = options;
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pageRoot,
    base: './',
    mode: 'production',
    plugins: [react(), classicScript()],
    resolve: { alias },
    define: { 'process.env.NODE_ENV': JSON.stringify(development ? 'development' : 'production') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: !development,
      sourcemap: development,
      modulePreload: false,
      rolldownOptions: { output: { format: 'iife', codeSplitting: false } },
    },
  });
  return pathToFileURL(`${outDir.replace(/\/?$/, '/')}index.html`).href;
}

/** file: pages cannot load `type="module"` scripts (origin null); load the IIFE bundle plainly. */
function classicScript(): Plugin {
  return {
    name: 'playauth-test-page:classic-script',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html
          .replace(/<script type="module" crossorigin/g, '<script defer')
          .replace(/ crossorigin/g, ''),
    },
  };
}
