import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { storybookCatalogue } from './catalogue.js';
import { playAuthDevServer } from './playAuthDevServer.js';
import { resolveStorybookRuntime, type StorybookRuntimeConfig } from './playerEngine.js';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  staticDirs: [
    // mockServiceWorker.js: MSW answers credentials and GetPlayInfo where no server runs.
    '../public',
    // The emulator's sample clips, so the static build and the story tests play real video too.
    { from: '../packages/emulator/media', to: '/media' },
  ],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig, { configType }) {
    const mode: StorybookRuntimeConfig['mode'] = process.env.VITEST
      ? 'test'
      : configType === 'PRODUCTION'
        ? 'static'
        : 'dev';
    const runtime = resolveStorybookRuntime(process.env, mode);
    const catalogue = storybookCatalogue();
    // Packages resolve to their sources. Under Vitest the `storybook` project already extends the
    // root config (and loading vite.config.ts there would load this Storybook config again).
    const alias =
      mode === 'test'
        ? {}
        : (
            (await import(new URL('../vite.config.ts', import.meta.url).href)) as {
              alias: Record<string, string>;
            }
          ).alias;
    return mergeConfig(viteConfig, {
      resolve: { alias },
      define: {
        // Only these two values reach the browser, never process.env as a whole.
        __PLAYAUTH_STORYBOOK__: JSON.stringify(runtime),
        __PLAYAUTH_CATALOGUE__: JSON.stringify(catalogue),
      },
      plugins: mode === 'dev' ? [playAuthDevServer(runtime, catalogue)] : [],
    });
  },
};

export default config;
