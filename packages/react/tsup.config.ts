import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  // esbuild drops module-level directives when bundling; React Server Components need it first.
  banner: { js: "'use client';" },
});
