import { definePackageBuild } from '../../scripts/definePackageBuild';

// One output file per source module, so bundlers drop unused modules with their peer imports
// (e.g. all player code when only `usePlayAuth` is imported); types stay one bundled .d.ts.
// issue 17: `src/lazy.tsx` is the `@playauth/react/lazy` entry (cover first, the player on play).
// It imports the player from the package's own main entry, which therefore stays an import.
// issue 13: `src/server.ts` is `@playauth/react/server`, the entry without 'use client'.
export default definePackageBuild({
  entries: ['src/index.ts', 'src/lazy.tsx', 'src/server.ts'],
  perModule: true,
  // `dist/development/` for the `"development"` export condition (long messages in dev servers).
  developmentBuild: true,
}).map((config) => ({
  ...config,
  deps: { ...config.deps, neverBundle: ['@playauth/react'] },
}));
