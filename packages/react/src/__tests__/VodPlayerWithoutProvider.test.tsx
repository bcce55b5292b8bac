import { parsePlayAuthResponse } from '@playauth/core';
import { createPlayAuthBody, createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { type PlayAuthRequestInfo, playAuthHandlers } from '@playauth/testing/msw';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';
import { VodPlayer } from '../VodPlayer';
import { ENDPOINT, setupCatalogBackend, VIDEOS } from './VodPlayerHarness';

const { server, requests } = setupCatalogBackend();

/** A second backend, so a test can tell which endpoint the player used. */
const OTHER = 'http://127.0.0.1:9/other/play-auth';
function serveOther() {
  const seen: PlayAuthRequestInfo[] = [];
  server.use(
    ...playAuthHandlers({ endpoint: OTHER, videos: VIDEOS, onRequest: (info) => seen.push(info) }),
  );
  return seen;
}

const status = () => screen.getByRole('region').getAttribute('data-status');

describe('VodPlayer configured by its props alone', () => {
  it('plays with endpoint, headers and queryClient props, without any provider', async () => {
    const seen = serveOther();
    const queryClient = createTestQueryClient();
    render(
      <VodPlayer
        videoId="v1"
        endpoint={OTHER}
        headers={{ authorization: 'Bearer t1' }}
        authInfoTimeout={600}
        queryClient={queryClient}
        sdk={FakeAliplayer}
      />,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByRole('region', { name: 'First video' })).toBeInTheDocument();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authInfoTimeout).toBe(600);
    expect(seen[0]?.request.headers.get('authorization')).toBe('Bearer t1');
    expect(requests).toEqual([]); // not the default endpoint
    expect(queryClient.getQueryData(['playauth', OTHER, 'v1', 600])).toMatchObject({
      videoId: 'v1',
    });
    expect(FakeAliplayer.created).toBe(1);
  });

  it('takes a custom fetcher prop under a plain QueryClientProvider', async () => {
    const fetcher = vi.fn(async ({ videoId }: { videoId: string }) =>
      parsePlayAuthResponse(createPlayAuthBody(videoId, { video: VIDEOS.v2 }), {
        videoId,
        authInfoTimeout: 100,
        issuedAt: Date.now(),
      }),
    );
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <VodPlayer videoId="v2" fetcher={fetcher} sdk={FakeAliplayer} />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher.mock.calls[0]?.[0]).toMatchObject({ videoId: 'v2', authInfoTimeout: 100 });
    expect(requests).toEqual([]); // no HTTP request at all
  });

  it("overrides the provider's settings with its props; unset ones inherit", async () => {
    const seen = serveOther();
    render(
      <PlayAuthProvider
        endpoint={ENDPOINT}
        authInfoTimeout={300}
        headers={{ authorization: 'Bearer provider' }}
        queryClient={createTestQueryClient()}
        sdk={FakeAliplayer}
      >
        <VodPlayer videoId="v1" endpoint={OTHER} />
      </PlayAuthProvider>,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    expect(requests).toEqual([]);
    expect(seen.map((info) => info.authInfoTimeout)).toEqual([300]);
    expect(seen[0]?.request.headers.get('authorization')).toBe('Bearer provider');
  });
});
