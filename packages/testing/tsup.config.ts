import { defineConfig } from 'tsup';

export default defineConfig({
  // `@playauth/testing` (no msw), `@playauth/testing/msw` and `@playauth/testing/contract`.
  entry: { index: 'src/index.ts', msw: 'src/msw.ts', contract: 'src/contract/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
});
