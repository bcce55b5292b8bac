import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDist, ERRORS_DOCS, LONG_TEXTS } from './bundleDist';
import { launchBrowser } from './harness';

// issue 17: in a browser on a Vite or webpack dev server `process` does not exist, so the
// guarded default build picked the short production messages in development. Each public entry
// of @playauth/core and @playauth/react has a "development" export condition: a build with the
// development checks already folded (no `process`), which dev servers resolve. Tested on the
// built dist through the packages' `exports`, as bundlers resolve them.

const root = fileURLToPath(new URL('../', import.meta.url));
const ENTRIES = [
  '@playauth/core',
  '@playauth/react',
  '@playauth/react/lazy',
  '@playauth/react/server',
];
const ALL_ENTRIES = ENTRIES.map((entry, i) => `export * as e${i} from '${entry}';`).join('\n');

/** The entries bundled with `conditions` (no define), as esbuild resolves them. */
const bundle = (conditions: string[], contents = ALL_ENTRIES, format?: 'iife') =>
  bundleDist({ conditions, contents, format });

/** `packages/<pkg>/dist/...` of a resolved file, whatever the path's form. */
const distPath = (file: string) => relative(root, file).replace(/^.*?(packages\/)/, '$1');

describe('the "development" export condition', () => {
  it('resolves every entry of core and react to dist/development, never both builds', async () => {
    const development = await bundle(['development']);
    expect(development.inputs.length).toBeGreaterThan(10);
    // The lazy entry imports `@playauth/react` by name: it resolves to the development build too.
    expect(
      development.inputs.map(distPath).filter((file) => !/\/dist\/development\//.test(file)),
    ).toEqual([]);
    const production = await bundle(['production']);
    expect(production.inputs.map(distPath).filter((file) => /\/development\//.test(file))).toEqual(
      [],
    );
  });

  it('has every long message and no process in the development build', async () => {
    const { code } = await bundle(['development']);
    expect(LONG_TEXTS.filter((text) => !code.includes(text))).toEqual([]);
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    expect(withoutComments).not.toMatch(/\bprocess\b/);
  });

  it('throws the long messages where process does not exist', async () => {
    const { code } = await bundle(
      ['development'],
      `import { fetchPlayAuth, toPlayerError } from '@playauth/core';
       export const run = async () => [
         typeof process,
         (await fetchPlayAuth({ endpoint: '/x', videoId: 'bad id' }).catch((e) => e)).message,
         toPlayerError({ error_code: 4002, error_msg: 'auth expired' }).message,
       ];`,
      'iife',
    );
    // A fresh V8 context: no `process`, no Node globals, like a browser page.
    const context: { playauth?: { run(): Promise<string[]> } } = {};
    runInNewContext(code, context);
    const [processType, invalid, expired] = (await context.playauth?.run()) ?? [];
    expect(processType).toBe('undefined');
    expect(invalid).toContain('must match [A-Za-z0-9_-]{1,64}');
    expect(invalid).not.toContain(ERRORS_DOCS);
    expect(expired).toContain('auth expired');
    expect(expired).not.toContain(ERRORS_DOCS);
  });

  it('default and production resolve the guarded build: short messages, folded', async () => {
    const { code } = await bundle(['production']);
    // The guard stays, for the app's bundler to fold or for `process` to answer where it exists.
    expect(code).toMatch(/\(typeof process < "u" \? .+ : "production"\) !== "production"/);
    const { code: minified } = await bundleDist({ nodeEnv: 'production', minify: true });
    expect(minified).toContain(ERRORS_DOCS);
    expect(LONG_TEXTS.filter((text) => minified.includes(text))).toEqual([]);
  });

  it('ships dist/development without process, with the entry directives first', () => {
    for (const pkg of ['core', 'react']) {
      const dist = join(root, `packages/${pkg}/dist/development`);
      for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
        const code = readFileSync(join(dist, file), 'utf8').replace(
          /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
          '',
        );
        expect({ file, process: /\bprocess\b/.test(code) }).toEqual({ file, process: false });
      }
    }
    for (const entry of ['index.js', 'lazy.js']) {
      const code = readFileSync(join(root, 'packages/react/dist/development', entry), 'utf8');
      expect(code.startsWith('"use client";')).toBe(true);
    }
  });

  // A Vite dev server as an app runs it (`vite`), a page importing the packages by name, in
  // Chromium: the development build, long messages, no `process`.
  describe('in a Vite dev server', () => {
    let app: string;
    let server: ViteDevServer;
    let browser: Browser;
    beforeAll(async () => {
      // Inside the repository, so the page resolves @playauth/* from its node_modules.
      mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
      app = mkdtempSync(join(root, 'node_modules/.cache/vite-dev-'));
      writeFileSync(
        join(app, 'index.html'),
        '<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>',
      );
      writeFileSync(
        join(app, 'main.js'),
        `import { fetchPlayAuth } from '@playauth/core';
         import { toVideoMeta } from '@playauth/react/server';
         window.result = Promise.all([
           typeof process,
           fetchPlayAuth({ endpoint: '/x', videoId: 'bad id' }).catch((e) => e.message),
           Promise.resolve().then(() => toVideoMeta({ VideoBase: {} })).catch((e) => e.message),
         ]);`,
      );
      server = await createServer({
        configFile: false,
        root: app,
        logLevel: 'silent',
        cacheDir: join(app, '.vite'),
        // Pre-bundled, as Vite serves packages installed from the registry (linked workspace
        // packages would be served file by file).
        optimizeDeps: { include: ['@playauth/core', '@playauth/react/server'] },
        server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
      });
      await server.listen();
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (app) rmSync(app, { recursive: true, force: true });
    });

    it('resolves the development build and shows the long messages', async () => {
      const client = server.environments.client;
      const page = await browser.newPage();
      try {
        await page.goto(server.resolvedUrls?.local[0] ?? '');
        // The file each entry is served from (pre-bundled ones: the file the optimizer read).
        const optimized = client.depsOptimizer?.metadata.optimized ?? {};
        for (const entry of ENTRIES) {
          const file =
            optimized[entry]?.src ??
            (await client.pluginContainer.resolveId(entry, join(app, 'main.js')))?.id;
          expect({ entry, file: distPath(file ?? '') }).toEqual({
            entry,
            file: expect.stringMatching(/^packages\/(core|react)\/dist\/development\//),
          });
        }
        const [processType, invalid, meta] = await page.evaluate(
          () => (window as unknown as { result: Promise<string[]> }).result,
        );
        expect(processType).toBe('undefined');
        expect(invalid).toContain('must match [A-Za-z0-9_-]{1,64}');
        expect(invalid).not.toContain(ERRORS_DOCS);
        expect(meta).toContain('pass the GetVideoInfo answer body');
      } finally {
        await page.close();
      }
    });
  });
});
