import { defineConfig } from 'tsup';

// Types only: the JavaScript comes from rolldown.config.ts (one file per module).
export default defineConfig({
  entry: ['src/index.ts', 'src/lazy.tsx'], // issue 17: the lazy entry
  format: ['esm'],
  dts: { only: true },
  clean: false,
  tsconfig: 'tsconfig.build.json',
});
