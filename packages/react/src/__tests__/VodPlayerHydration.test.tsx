import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import { dehydrate, HydrationBoundary, type QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { playAuthQueryOptions } from '../playAuthQueryOptions';
import { VodPlayer } from '../VodPlayer';
import { ENDPOINT, VIDEOS } from './VodPlayerHarness';

const server = setupServer(...playAuthHandlers({ endpoint: ENDPOINT, videos: VIDEOS }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  FakeAliplayer.reset();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe('VodPlayer hydration', () => {
  it.each(['eager', 'interaction'] as const)(
    'hydrates server HTML without warnings (load=%s)',
    async (load) => {
      FakeAliplayer.configure({ videos: VIDEOS });
      const serverClient = createTestQueryClient();
      await serverClient.prefetchQuery(playAuthQueryOptions('v1', { endpoint: ENDPOINT }));
      const state = JSON.parse(JSON.stringify(dehydrate(serverClient)));
      const app = (client: QueryClient) => (
        <PlayAuthProvider endpoint={ENDPOINT} queryClient={client} sdk={FakeAliplayer}>
          <HydrationBoundary state={state}>
            <VodPlayer videoId="v1" load={load} title="Fallback" />
          </HydrationBoundary>
        </PlayAuthProvider>
      );
      const container = document.createElement('div');
      container.innerHTML = renderToString(app(createTestQueryClient()));
      document.body.append(container);

      const consoleError = vi.spyOn(console, 'error');
      const recoverable = vi.fn();
      let root: Root | undefined;
      await act(async () => {
        root = hydrateRoot(container, app(createTestQueryClient()), {
          onRecoverableError: recoverable,
        });
      });
      expect(screen.getByRole('region', { name: 'First video' })).toBeInTheDocument();
      if (load === 'eager') {
        await waitFor(() =>
          expect(screen.getByRole('region').getAttribute('data-status')).toBe('ready'),
        );
      } else {
        expect(screen.getByRole('button', { name: 'Play First video' })).toBeInTheDocument();
      }
      expect(consoleError).not.toHaveBeenCalled();
      expect(recoverable).not.toHaveBeenCalled();
      act(() => root?.unmount());
      container.remove();
    },
  );
});
