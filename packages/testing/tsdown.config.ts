import { definePackageBuild } from '../../scripts/definePackageBuild';

// Two entries: `@playauth/testing` (no msw) and `@playauth/testing/msw` (dist/msw/index.js).
// The private VOD model is bundled in: users install only public packages.
export default definePackageBuild({
  entries: ['src/index.ts', 'src/msw/index.ts'],
  bundle: ['@playauth/vod-model'],
});
