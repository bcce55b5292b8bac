import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts starts with `#!/usr/bin/env node`: esbuild keeps an entry's hashbang and tsup
  // marks that output executable, so dist/cli.js works as the `playauth-emulator` bin.
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  // The private VOD model is bundled in: users install only public packages.
  noExternal: ['@playauth/vod-model'],
});
