import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { CHROMIUM_ARGS, findChromiumPath, HEADLESS } from './e2e/chromium.js';

const pkg = (name: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${name}/src/${file}`, import.meta.url));

/** Workspace packages resolve to their sources, so tests and Storybook never need a build. */
export const alias = {
  '@playauth/core': pkg('core'),
  '@playauth/react/lazy': pkg('react', 'lazy.tsx'), // issue 17; before its package's prefix
  '@playauth/react': pkg('react'),
  '@playauth/server': pkg('server'),
  '@playauth/emulator': pkg('emulator'),
  '@playauth/testing/msw': pkg('testing', 'msw.ts'),
  '@playauth/testing': pkg('testing'),
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/{core,server,emulator}/src/**/*.test.ts',
            'bench/*.test.ts',
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
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/{react,testing}/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./packages/react/src/__tests__/setup.ts'],
        },
      },
      {
        extends: true,
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

/**
 * Real-browser projects: `storybook` (every story as a test, in Chromium, through
 * @storybook/addon-vitest) and `e2e` (the real Aliplayer SDK on a file: page driven by Playwright).
 * Only built when Vitest loads this file: Storybook's Vite builder loads it too (for `alias` and the
 * React plugin), and `storybookTest()` loads the Storybook config, which must not happen inside
 * Storybook itself.
 */
function browserProjects(): TestProjectInlineConfiguration[] {
  if (!process.env.VITEST) return [];
  const launchOptions = { executablePath: findChromiumPath(), args: [...CHROMIUM_ARGS] };
  return [
    {
      extends: true,
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
        include: ['e2e/**/*.e2e.test.ts'],
        globalSetup: ['./e2e/globalSetup.ts'],
        // One browser at a time: the machine has two cores and the SDK is timing-sensitive.
        fileParallelism: false,
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    },
  ];
}
