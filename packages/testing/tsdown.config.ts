import { definePackageBuild } from '../../scripts/definePackageBuild';

// Two entries: `@playauth/testing` (no msw) and `@playauth/testing/msw`.
export default definePackageBuild({ entries: ['src/index.ts', 'src/msw.ts'] });
