import { defineConfig } from 'tsup';

export default defineConfig({
  // `@playauth/testing` (no msw), `/msw`, `/contract` (framework-free) and `/contract/vitest`.
  entry: {
    index: 'src/index.ts',
    msw: 'src/msw.ts',
    contract: 'src/contract/index.ts',
    'contract-vitest': 'src/contract/vitest.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
});
