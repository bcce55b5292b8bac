import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries: `@playauth/testing` (no msw) and `@playauth/testing/msw` (dist/msw.js).
  entry: { index: 'src/index.ts', msw: 'src/msw/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  // The private VOD model is bundled in: users install only public packages.
  noExternal: ['@playauth/vod-model'],
});
