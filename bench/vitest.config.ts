import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { aliasFromTsconfig } from './aliasFromTsconfig';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * The jsdom half of the benchmarks (figures 2, 3 and 6a), run by bench/run.ts through Vitest so
 * they get the same jsdom, fake timers and module resolution as the unit tests. Kept apart from
 * the root config: `npm test` never runs benchmarks (it runs their counted invariants, with the
 * same measuring functions, as the `invariants` project). Files write their rows to `BENCH_OUT_DIR`.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: aliasFromTsconfig() },
  test: {
    name: 'bench-jsdom',
    environment: 'jsdom',
    include: ['bench/jsdom/*Figure.test.tsx'],
    setupFiles: ['./packages/react/src/__tests__/setup.ts'],
    // One file at a time: heap figures must not share the machine with another worker.
    fileParallelism: false,
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
