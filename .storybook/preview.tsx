import { PlayAuthProvider } from '@playauth/react';
import type { Decorator, Preview } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { type ReactNode, useEffect, useState } from 'react';
import {
  loadStoryEnvironment,
  PLAY_AUTH_ENDPOINT,
  runtime,
  type StoryEnvironment,
  startPassThroughWorker,
  storyHandlers,
} from './storyEnvironment';

/** A fresh QueryClient per story, the engine of this mode, and a note saying which it is. */
function StoryShell({ env, children }: { env: StoryEnvironment; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  useEffect(() => () => queryClient.clear(), [queryClient]);
  return (
    <div style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720 }}>
      <EngineNote env={env} />
      <PlayAuthProvider
        endpoint={PLAY_AUTH_ENDPOINT}
        queryClient={queryClient}
        sdk={env.sdk}
        license={env.license}
      >
        {children}
      </PlayAuthProvider>
    </div>
  );
}

function EngineNote({ env }: { env: StoryEnvironment }) {
  const engine = env.runtime.engine === 'aliplayer' ? 'Aliplayer SDK 2.37.7' : 'FakeAliplayer';
  return (
    <p
      role="note"
      data-testid="engine-note"
      data-engine={env.runtime.engine}
      style={{
        margin: '0 0 12px',
        padding: '6px 10px',
        borderLeft: '4px solid #1d4ed8',
        background: '#eff6ff',
        color: '#1e293b',
        fontSize: 13,
        lineHeight: 1.4,
      }}
    >
      <strong>Player engine: {engine}.</strong> {env.runtime.engineReason} {env.credentialsNote}
    </p>
  );
}

const withPlayAuth: Decorator = (Story, context) => {
  const env = context.loaded.playauth as StoryEnvironment;
  return (
    <StoryShell env={env}>
      <Story />
    </StoryShell>
  );
};

const preview: Preview = {
  tags: ['autodocs'],
  // mswLoader first: the worker must be up before the environment loader fetches anything.
  loaders: [
    mswLoader(runtime.devMiddleware ? startPassThroughWorker : undefined),
    async () => ({ playauth: await loadStoryEnvironment() }),
  ],
  decorators: [withPlayAuth],
  parameters: {
    layout: 'padded',
    msw: { handlers: storyHandlers() },
    // Accessibility violations fail the story tests, not only show in the panel.
    a11y: { test: 'error' },
    controls: { expanded: true },
    options: {
      storySort: {
        order: [
          'Introduction',
          'Getting started',
          'VodPlayer',
          ['Docs', '*', 'Error states'],
          'Credentials',
        ],
      },
    },
  },
};

export default preview;
