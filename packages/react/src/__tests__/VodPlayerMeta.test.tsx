import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import {
  type DehydratedState,
  dehydrate,
  HydrationBoundary,
  type QueryClient,
} from '@tanstack/react-query';
import { act, waitFor, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { playAuthQueryOptions } from '../playAuthQueryOptions';
import { VodPlayer } from '../VodPlayer';
import { VIDEOS } from './VodPlayerHarness';

// jsdom's page is http://localhost:3000: the browser resolves this relative endpoint against it,
// the "server" below (no `location`) against `origin`.
const ENDPOINT = '/api/play-auth';
const ORIGIN = 'http://localhost:3000';
const requests: string[] = [];
const server = setupServer(
  ...playAuthHandlers({
    endpoint: `${ORIGIN}${ENDPOINT}`,
    videos: VIDEOS,
    onRequest: ({ videoId }) => requests.push(videoId),
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  FakeAliplayer.reset();
  requests.length = 0;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** The metadata a Server Component gets from `toVideoMeta(await vod.getVideoInfo(...))`. */
const META = {
  videoId: 'v1',
  title: 'Launch keynote',
  duration: 125,
  coverUrl: 'https://img.example.com/keynote.jpg',
  status: 'Normal',
};
const TEN_MINUTES = 600_000;

function page(client: QueryClient, player: ReactNode, state?: DehydratedState) {
  return (
    <PlayAuthProvider endpoint={ENDPOINT} queryClient={client} sdk={FakeAliplayer}>
      <HydrationBoundary state={state}>{player}</HydrationBoundary>
    </PlayAuthProvider>
  );
}

/** What a server does: render to HTML with its own QueryClient (and no `location`). */
function serverHtml(player: ReactNode, state?: DehydratedState): string {
  vi.stubGlobal('location', undefined);
  try {
    return renderToString(page(createTestQueryClient(), player, state));
  } finally {
    vi.unstubAllGlobals();
  }
}

/**
 * Hydrates `html` as a browser would, optionally with its clock `skewMs` ahead of the server's,
 * and returns what React reported: console errors and recoverable (hydration) errors.
 */
async function hydrate(html: string, player: ReactNode, state?: DehydratedState, skewMs = 0) {
  if (skewMs) vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + skewMs });
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const consoleError = vi.spyOn(console, 'error');
  const recoverable = vi.fn();
  let root: Root | undefined;
  await act(async () => {
    root = hydrateRoot(container, page(createTestQueryClient(), player, state), {
      onRecoverableError: recoverable,
    });
  });
  return {
    container,
    view: within(container),
    consoleError,
    recoverable,
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

describe('VodPlayer meta: credential-free server rendering', () => {
  const player = <VodPlayer videoId="v1" meta={META} title="Fallback" />;

  it('renders cover, title and duration from meta on the server, with no credential request and no PlayAuth', () => {
    const html = serverHtml(player);
    expect(html).toMatch(/<section[^>]* aria-label="Launch keynote"/);
    expect(html).toContain('src="https://img.example.com/keynote.jpg"');
    expect(html).toContain('>Launch keynote</p>');
    expect(html).toMatch(/<time datetime="PT125S"[^>]*>2:05<\/time>/i);
    expect(html).not.toContain('Fallback');
    expect(html).not.toMatch(/PlayAuth|AccessKey|SecurityToken/);
    expect(requests).toEqual([]);
  });

  it.each([
    ['the same clock', 0],
    ['the browser clock 10 minutes ahead', TEN_MINUTES],
  ])(
    'hydrates without a mismatch (%s), then fetches the PlayAuth in the browser; meta wins over the credential',
    async (_, skew) => {
      const html = serverHtml(player);
      const { view, consoleError, recoverable, unmount } = await hydrate(
        html,
        player,
        undefined,
        skew,
      );
      await waitFor(() => expect(view.getByRole('region').dataset.status).toBe('ready'));
      expect(requests).toEqual(['v1']);
      expect(consoleError).not.toHaveBeenCalled();
      expect(recoverable).not.toHaveBeenCalled();
      // The credential says "First video" with its own cover: what the server rendered stays.
      expect(view.getByRole('region', { name: 'Launch keynote' })).toBeInTheDocument();
      expect(FakeAliplayer.latest?.getOptions().cover).toBe(META.coverUrl);
      unmount();
    },
  );

  it('fills only what meta lacks from the credential, and ignores meta of another video', async () => {
    const partial = <VodPlayer videoId="v1" meta={{ title: 'Only a title' }} />;
    const { view, recoverable, unmount } = await hydrate(serverHtml(partial), partial);
    await waitFor(() => expect(view.getByRole('region').dataset.status).toBe('ready'));
    expect(view.getByRole('region', { name: 'Only a title' })).toBeInTheDocument();
    expect(FakeAliplayer.latest?.getOptions().cover).toBe(VIDEOS.v1.coverUrl);
    expect(recoverable).not.toHaveBeenCalled();
    unmount();

    const stale = <VodPlayer videoId="v2" meta={META} title="Second, from props" />;
    expect(serverHtml(stale)).toMatch(/aria-label="Second, from props"/);
  });

  it('drops a meta cover that is not http(s)', () => {
    const html = serverHtml(
      <VodPlayer videoId="v1" meta={{ ...META, coverUrl: 'javascript:alert(1)' }} />,
    );
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
  });
});

describe('VodPlayer with a credential prefetched on the server', () => {
  /** Server prefetch with the relative endpoint and `origin`, as `@playauth/react/server` allows. */
  async function prefetchOnServer(videoId: string): Promise<DehydratedState> {
    vi.stubGlobal('location', undefined);
    try {
      const client = createTestQueryClient();
      await client.prefetchQuery(
        playAuthQueryOptions(videoId, { endpoint: ENDPOINT, origin: ORIGIN }),
      );
      expect(client.getQueryState(playAuthQueryOptions(videoId).queryKey)?.status).toBe('success');
      return JSON.parse(JSON.stringify(dehydrate(client)));
    } finally {
      vi.unstubAllGlobals();
    }
  }

  it('prefetches a relative endpoint on the server through origin; the client reads the same key and fetches nothing', async () => {
    const state = await prefetchOnServer('v1');
    expect(requests).toEqual(['v1']);
    expect(state.queries[0]?.queryKey).toEqual(['playauth', ENDPOINT, 'v1', 100]);
    const player = <VodPlayer videoId="v1" />;
    const { view, recoverable, unmount } = await hydrate(serverHtml(player, state), player, state);
    await waitFor(() => expect(view.getByRole('region').dataset.status).toBe('ready'));
    expect(requests).toEqual(['v1']);
    expect(FakeAliplayer.latest?.getOptions().playauth).toBe(
      (state.queries[0]?.state.data as { playAuth: string } | undefined)?.playAuth,
    );
    expect(recoverable).not.toHaveBeenCalled();
    unmount();
  });

  it('renders an expired dehydrated credential on the client exactly as on the server (clock +10 min), then renews it', async () => {
    const state = await prefetchOnServer('v1');
    const player = <VodPlayer videoId="v1" load="interaction" />;
    const html = serverHtml(player, state);
    expect(html).toMatch(/aria-label="First video"/);
    const { container, view, consoleError, recoverable, unmount } = await hydrate(
      html,
      player,
      state,
      TEN_MINUTES,
    );
    // What the server rendered from the (then fresh) credential is still there.
    expect(view.getByRole('region', { name: 'First video' })).toBeInTheDocument();
    expect(container.querySelector('img')?.getAttribute('src')).toBe(VIDEOS.v1.coverUrl);
    expect(container.querySelector('[data-playauth-duration]')?.textContent).toBe('10:00');
    expect(requests).toEqual(['v1']);
    expect(consoleError).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    // The expired credential is never used: a click fetches a fresh one.
    await act(async () => view.getByRole('button', { name: 'Play First video' }).click());
    await waitFor(() => expect(requests).toEqual(['v1', 'v1']));
    unmount();
  });
});
