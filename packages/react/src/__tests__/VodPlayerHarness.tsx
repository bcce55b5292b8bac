import { FakeAliplayer } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { type ReactElement, StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { PlayAuthProvider, type PlayAuthProviderProps } from '../PlayAuthProvider';

/** msw/node needs absolute URLs; nothing listens on 127.0.0.1:9, so a leak would fail loudly. */
export const ENDPOINT = 'http://127.0.0.1:9/api/play-auth';

/** The catalog both the credential endpoint and FakeAliplayer's offline play info use. */
export const VIDEOS = {
  v1: { title: 'First video', duration: 600, coverUrl: 'https://img.example.com/v1.jpg' },
  v2: { title: 'Second video', duration: 3725, coverUrl: 'https://img.example.com/v2.jpg' },
};

/** A promise resolved or rejected from the outside. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Renders `ui` inside a `PlayAuthProvider` on `queryClient` with FakeAliplayer as the SDK. */
export function renderPlayer(
  ui: ReactElement,
  queryClient: QueryClient,
  { strict = false, ...provider }: { strict?: boolean } & Partial<PlayAuthProviderProps> = {},
) {
  const wrap = (node: ReactElement) => {
    const tree = (
      <PlayAuthProvider
        endpoint={ENDPOINT}
        queryClient={queryClient}
        sdk={FakeAliplayer}
        {...provider}
      >
        {node}
      </PlayAuthProvider>
    );
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}

/**
 * Registers an msw server for the test file that serves {@link VIDEOS} at {@link ENDPOINT} in
 * every test, with FakeAliplayer configured for the same catalog. `requests` lists the VideoIds
 * asked for in the current test; handlers added with `server.use` come on top.
 */
export function setupCatalogBackend() {
  const server = setupServer();
  const requests: string[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    requests.length = 0;
    FakeAliplayer.configure({ videos: VIDEOS });
    server.use(
      ...playAuthHandlers({
        endpoint: ENDPOINT,
        videos: VIDEOS,
        onRequest: ({ videoId }) => requests.push(videoId),
      }),
    );
  });
  afterEach(() => {
    server.resetHandlers();
    FakeAliplayer.reset();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  afterAll(() => server.close());
  return { server, requests };
}
