import type { StorybookConfig } from '@storybook/react-vite';
import remarkGfm from 'remark-gfm';
import { mergeConfig } from 'vite';
import { localBackendVitePlugin } from '../dev/localBackendVitePlugin.js';
import { workspaceAlias } from '../dev/workspaceAlias.js';
import { storybookCatalogue } from './catalogue.js';
import { resolveStorybookRuntime, type StorybookRuntimeConfig } from './playerEngine.js';

/** MDX options of the docs addon; exported so a test compiles the MDX pages the same way. */
export const MDX_PLUGIN_OPTIONS = { mdxCompileOptions: { remarkPlugins: [remarkGfm] } };

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: [
    // remark-gfm: MDX 3 has no GitHub tables without it (the Introduction's "Mode" table).
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: MDX_PLUGIN_OPTIONS } },
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
    const catalogue = await storybookCatalogue();
    return mergeConfig(viteConfig, {
      // Packages resolve to their sources (a fresh clone has no dist/).
      resolve: { alias: workspaceAlias() },
      define: {
        // Only these two values reach the browser, never process.env as a whole.
        __PLAYAUTH_STORYBOOK__: JSON.stringify(runtime),
        __PLAYAUTH_CATALOGUE__: JSON.stringify(catalogue),
      },
      // `npm start`: the local backend (emulator + real handler) inside the dev server.
      plugins:
        mode === 'dev'
          ? [
              localBackendVitePlugin({
                devInfo: {
                  engine: runtime.engine,
                  engineReason: runtime.engineReason,
                  videos: catalogue.map(({ coverSvg: _, ...video }) => video),
                },
              }),
            ]
          : [],
    });
  },
};

export default config;
