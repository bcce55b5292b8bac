import { definePackageBuild } from '../../scripts/definePackageBuild';

// issue 17: `dist/development/` for the `"development"` export condition (long messages in dev servers).
export default definePackageBuild({ developmentBuild: true });
