// @vitest-environment node
import { createTestQueryClient } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { playAuthQueryOptions } from '../playAuthQueryOptions';
import { VodPlayer } from '../VodPlayer';
import { ENDPOINT, VIDEOS } from './VodPlayerHarness';

const server = setupServer(...playAuthHandlers({ endpoint: ENDPOINT, videos: VIDEOS }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** What a server route does: prefetch, dehydrate, serialise. */
async function dehydratedState(videoId: string) {
  const client = createTestQueryClient();
  await client.prefetchQuery(playAuthQueryOptions(videoId, { endpoint: ENDPOINT }));
  return JSON.parse(JSON.stringify(dehydrate(client)));
}

describe('VodPlayer under renderToString', () => {
  it('renders cover, title and duration from dehydrated data, without window', async () => {
    // Any access to window or document at render time would throw a ReferenceError here.
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const html = renderToString(
      <PlayAuthProvider endpoint={ENDPOINT} queryClient={createTestQueryClient()}>
        <HydrationBoundary state={await dehydratedState('v1')}>
          <VodPlayer videoId="v1" title="Fallback" autoplay muted />
        </HydrationBoundary>
      </PlayAuthProvider>,
    );
    expect(html).toMatch(/<section[^>]* aria-label="First video"/);
    expect(html).toContain('src="https://img.example.com/v1.jpg"');
    expect(html).toContain('alt="First video"');
    expect(html).toContain('>First video</p>');
    expect(html).toMatch(/<time datetime="PT600S"[^>]*>10:00<\/time>/i);
    expect(html).not.toContain('Fallback');
  });

  it('renders the props and the play button without any data', () => {
    const html = renderToString(
      <PlayAuthProvider endpoint={ENDPOINT} queryClient={createTestQueryClient()}>
        <VodPlayer
          videoId="v2"
          load="interaction"
          title="Teaser"
          cover="https://img.example.com/teaser.jpg"
        />
      </PlayAuthProvider>,
    );
    expect(html).toMatch(/<section[^>]* aria-label="Teaser"/);
    expect(html).toContain('src="https://img.example.com/teaser.jpg"');
    expect(html).toMatch(/<button type="button" aria-label="Play Teaser"/);
  });
});
