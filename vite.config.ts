import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const pkg = (name: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${name}/src/${file}`, import.meta.url));

/** Workspace packages resolve to their sources, so tests and Storybook never need a build. */
export const alias = {
  '@playauth/core': pkg('core'),
  '@playauth/react': pkg('react'),
  '@playauth/server': pkg('server'),
  '@playauth/emulator': pkg('emulator'),
  '@playauth/testing/msw': pkg('testing', 'msw.ts'),
  '@playauth/testing': pkg('testing'),
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,server,emulator}/src/**/*.test.ts'],
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/{react,testing}/src/**/*.test.{ts,tsx}'],
          setupFiles: ['./packages/react/src/__tests__/setup.ts'],
        },
      },
    ],
  },
});
