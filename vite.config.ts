import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { workspaceAlias } from './dev/workspaceAlias.js';
import { CHROMIUM_ARGS, findChromiumPath, HEADLESS } from './e2e/chromium.js';

/**
 * Workspace packages resolve to their sources in the node, dom and storybook projects, so they never
 * need a build. The e2e project has no alias: it runs the built `dist` a user installs.
 */
const alias = workspaceAlias();

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/{core,server,emulator,vod-model}/src/**/*.test.ts',
            'bench/*.test.ts',
            'dev/__tests__/*.test.ts',
            'stories/__tests__/*.test.ts',
            'scripts/*.test.ts',
          ],
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/*.test-d.{ts,tsx}'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/{react,testing}/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./packages/react/src/__tests__/setup.ts'],
        },
      },
      {
        // The same dom suite on React 18 (issue 13): react and react-dom resolve to the React 18
        // copies the private workspace dev/react18 installs, and the libraries that import React
        // are bundled through Vite (not loaded by Node) so the alias reaches them too.
        // dev/react18/reactVersionSetup.ts fails the run unless React 18 is what renders.
        extends: true,
        resolve: { alias: [...react18Alias(), ...alias] },
        test: {
          name: 'dom-react18',
          environment: 'jsdom',
          include: ['packages/{react,testing}/src/**/*.test.{ts,tsx}'],
          setupFiles: [
            './dev/react18/reactVersionSetup.ts',
            './packages/react/src/__tests__/setup.ts',
          ],
          server: {
            deps: { inline: ['@testing-library/react', '@tanstack/react-query'] },
          },
        },
      },
      {
        extends: true,
        resolve: { alias },
        test: {
          // The benchmarks' counted invariants (bench/README.md), with the measuring functions
          // `npm run bench` uses; node-only files say `@vitest-environment node`.
          name: 'invariants',
          environment: 'jsdom',
          include: ['bench/invariants/*.test.{ts,tsx}'],
          setupFiles: ['./packages/react/src/__tests__/setup.ts'],
          // Leak counting forces GC: each file in its own child process started with --expose-gc.
          pool: 'forks',
          execArgv: ['--expose-gc'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      ...browserProjects(),
    ],
  },
});

/** `react` and `react-dom` (with their subpaths) resolved to dev/react18's React 18 copies. */
function react18Alias() {
  const modules = fileURLToPath(new URL('./dev/react18/node_modules/', import.meta.url));
  const testingLibrary = fileURLToPath(
    new URL('./node_modules/@testing-library/react/dist/@testing-library/', import.meta.url),
  );
  return [
    ...['react', 'react-dom'].map((name) => ({
      find: new RegExp(`^${name}(/.*)?$`),
      replacement: `${modules}${name}$1`,
    })),
    // Its ESM build (Vite would pick the CommonJS one, whose require() bypasses the alias).
    { find: /^@testing-library\/react$/, replacement: `${testingLibrary}react.esm.js` },
  ];
}

/**
 * Real-browser projects: `storybook` (every story as a test, in Chromium, through
 * @storybook/addon-vitest) and `e2e` (the built packages and the real Aliplayer SDK on a file: page
 * driven by Playwright; `npm test` builds first, e2e/assertPackagesBuilt.ts says so when it did not).
 * Only built when Vitest loads this file: Storybook's Vite builder loads it too (for the React
 * plugin), and `storybookTest()` loads the Storybook config, which must not happen inside
 * Storybook itself.
 */
function browserProjects(): TestProjectInlineConfiguration[] {
  if (!process.env.VITEST) return [];
  const launchOptions = { executablePath: findChromiumPath(), args: [...CHROMIUM_ARGS] };
  return [
    {
      extends: true,
      resolve: { alias },
      plugins: [
        storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) }),
      ],
      test: {
        name: 'storybook',
        // Stories wait for real playback; the "backend down" story waits out three retries.
        testTimeout: 60_000,
        browser: {
          enabled: true,
          headless: HEADLESS,
          provider: playwright({ launchOptions }),
          instances: [{ browser: 'chromium' }],
        },
      },
    },
    {
      extends: true,
      test: {
        name: 'e2e',
        environment: 'node',
        include: ['e2e/**/*.test.ts'],
        globalSetup: ['./e2e/globalSetup.ts'],
        // One browser at a time: the machine has two cores and the SDK is timing-sensitive.
        fileParallelism: false,
        // After the other projects: these tests start Chromium and a Storybook dev server, load
        // that would otherwise overlap the timing-sensitive unit tests.
        sequence: { groupOrder: 1 },
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    },
  ];
}
