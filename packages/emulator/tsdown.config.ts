import { definePackageBuild } from '../../scripts/definePackageBuild';

// src/cli.ts starts with `#!/usr/bin/env node`: Rolldown keeps an entry's hashbang, so
// dist/cli.js works as the `playauth-emulator` bin. Only the library entry has types.
export default definePackageBuild({
  entries: ['src/index.ts', 'src/cli.ts'],
  typedEntries: ['src/index.ts'],
  runtime: 'node',
});
