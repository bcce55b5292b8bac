import type { StorybookCatalogueEntry } from './catalogue';
import type { StorybookRuntimeConfig } from './playerEngine';

declare global {
  /** Set by `.storybook/main.ts` (Vite `define`): engine, licence and mode for this Storybook. */
  const __PLAYAUTH_STORYBOOK__: StorybookRuntimeConfig;
  /** Set by `.storybook/main.ts`: the emulator's default catalogue (ids, titles, media files). */
  const __PLAYAUTH_CATALOGUE__: readonly StorybookCatalogueEntry[];
}
