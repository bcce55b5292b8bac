import { definePackageBuild } from '../../scripts/definePackageBuild';

// One output file per source module, so bundlers drop unused modules with their peer imports
// (e.g. all player code when only `usePlayAuth` is imported); types stay one bundled .d.ts.
export default definePackageBuild({ perModule: true });
