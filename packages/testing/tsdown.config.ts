import { definePackageBuild } from '../../scripts/definePackageBuild';

// `@playauth/testing` (no msw), `/msw` (dist/msw/index.js), `/contract` (framework-free scenarios,
// dist/contract/index.js) and `/contract/vitest` (dist/contract/vitest.js).
// The private VOD model is bundled in: users install only public packages.
export default definePackageBuild({
  entries: ['src/index.ts', 'src/msw/index.ts', 'src/contract/index.ts', 'src/contract/vitest.ts'],
  bundle: ['@playauth/vod-model'],
});
