import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { aliasFromTsconfig } from '../aliasFromTsconfig';
import { benchPaths } from '../benchPaths';

/**
 * Builds bench/page (our packages from source) into bench/.cache/page as one classic script, in
 * production mode: a file: page cannot load module scripts. Returns the page's file: URL.
 */
export async function buildBenchPage(): Promise<string> {
  const outDir = join(benchPaths.cache, 'page');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(benchPaths.bench, 'page'),
    base: './',
    mode: 'production',
    plugins: [react(), classicScript()],
    resolve: { alias: aliasFromTsconfig() },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      modulePreload: false,
      rolldownOptions: { output: { format: 'iife', codeSplitting: false } },
    },
  });
  return pathToFileURL(join(outDir, 'index.html')).href;
}

/** file: pages have origin null: a `type="module"` script would be refused. */
function classicScript(): Plugin {
  return {
    name: 'playauth-bench:classic-script',
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
