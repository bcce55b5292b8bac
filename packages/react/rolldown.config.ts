import { defineConfig } from 'rolldown';

// JavaScript: one output file per source module. @playauth/react imports its peers (react,
// @tanstack/react-query) from many modules; in a single bundle every consumer would keep every one
// of those import statements, while separate modules let bundlers drop the unused ones whole
// (`"sideEffects": false`), e.g. all player code when only `usePlayAuth` is imported. Types come
// from tsup (one bundled .d.ts, see tsup.config.ts), which runs after this and adds to `dist`.
export default defineConfig({
  // issue 17: `lazy` is the `@playauth/react/lazy` entry (cover first, the player on play).
  input: { index: 'src/index.ts', lazy: 'src/lazy.tsx' },
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  tsconfig: 'tsconfig.build.json',
  transform: { target: 'es2022' },
  // With preserveModules the entry's 'use client' stays first in dist/index.js (checked by
  // scripts/check-packages.mjs), so the bundler's generic warning about directives is noise.
  onLog(level, log, handler) {
    if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
  },
  output: {
    dir: 'dist',
    cleanDir: true,
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
});
