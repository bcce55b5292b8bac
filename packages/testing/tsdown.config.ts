import { definePackageBuild } from '../../scripts/definePackageBuild';

// `@playauth/testing` (no msw), `/msw`, `/contract` (framework-free) and `/contract/vitest`.
export default definePackageBuild({
  entries: ['src/index.ts', 'src/msw.ts', 'src/contract/index.ts', 'src/contract/vitest.ts'],
});
