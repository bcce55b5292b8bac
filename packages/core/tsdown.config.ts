import { definePackageBuild } from '../../scripts/definePackageBuild';

export default definePackageBuild();
