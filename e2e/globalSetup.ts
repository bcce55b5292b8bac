import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import type { TestProject } from 'vitest/node';

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url));
const outDir = fileURLToPath(new URL('./.dist/', import.meta.url));

/**
 * Builds the e2e test page (e2e/page, our packages from source by alias) into e2e/.dist once per
 * run. The page is opened as a file: URL, where Chromium refuses module scripts, so it is bundled
 * as one classic script.
 */
export default async function setup(project: TestProject): Promise<void> {
  const started = performance.now();
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pageRoot,
    base: './',
    mode: 'production',
    plugins: [react(), classicScript()],
    resolve: { alias: project.vite.config.resolve.alias },
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      modulePreload: false,
      rolldownOptions: { output: { format: 'iife', codeSplitting: false } },
    },
  });
  console.log(`[e2e] test page built in ${Math.round(performance.now() - started)} ms`);
}

/** file: pages cannot load `type="module"` scripts (origin null); load the IIFE bundle plainly. */
function classicScript(): Plugin {
  return {
    name: 'playauth-e2e:classic-script',
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
