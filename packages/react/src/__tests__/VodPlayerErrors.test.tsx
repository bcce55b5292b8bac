import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import type { PlayAuthRequestInfo } from '@playauth/testing/msw';
import { type PlayAuthFailure, playAuthHandlers } from '@playauth/testing/msw';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VodPlayer } from '../VodPlayer';
import { ENDPOINT, renderPlayer, VIDEOS } from './VodPlayerHarness';

const server = setupServer();
let requests = 0;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  FakeAliplayer.reset();
  vi.useRealTimers();
  requests = 0;
});
afterAll(() => server.close());

/** Serves the catalog, failing the requests `fail` picks. */
function endpoint(fail?: (info: PlayAuthRequestInfo) => PlayAuthFailure | undefined) {
  FakeAliplayer.configure({ videos: VIDEOS });
  server.use(
    ...playAuthHandlers({
      endpoint: ENDPOINT,
      videos: VIDEOS,
      failures: fail,
      onRequest: () => {
        requests += 1;
      },
    }),
  );
}

const status = () => screen.getByRole('region').getAttribute('data-status');
const retryButton = async () =>
  within(await screen.findByRole('alert')).getByRole('button', { name: 'Try again' });

describe('VodPlayer: credential errors', () => {
  it.each([
    ['notFound', 'This video could not be found.'],
    ['notReady', 'This video is still processing. Try again later.'],
  ] as const)(
    '%s: an alert with its message, and a retry that fetches again',
    async (failure, text) => {
      endpoint(({ attempt }) => (attempt === 1 ? failure : undefined));
      const onError = vi.fn();
      const user = userEvent.setup();
      renderPlayer(<VodPlayer videoId="v1" onError={onError} />, createTestQueryClient());
      expect(await screen.findByRole('alert')).toHaveTextContent(text);
      expect(onError).toHaveBeenCalledTimes(1);
      expect(FakeAliplayer.created).toBe(0);

      await user.click(await retryButton());
      await waitFor(() => expect(status()).toBe('ready'));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(requests).toBe(2);
    },
  );

  it.each(['serverError', 'network'] as const)(
    'backend unreachable (%s): alert after the retries, retry without reload',
    async (failure) => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      let down = true;
      endpoint(() => (down ? failure : undefined));
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient());
      // Retryable failures are retried with backoff before the alert shows.
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'The video service could not be reached.',
      );
      expect(requests).toBe(4);

      down = false;
      await user.click(await retryButton());
      await waitFor(() => expect(status()).toBe('ready'));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    },
  );
});

describe('VodPlayer: player errors', () => {
  it('SDK load failure: an alert, and a retry that loads the SDK again', async () => {
    endpoint();
    let cdnDown = true;
    const loader = vi.fn(async () => {
      if (cdnDown) throw new Error('CDN down');
      return FakeAliplayer;
    });
    const user = userEvent.setup();
    renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient(), { sdk: loader });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The video player could not be loaded.',
    );
    expect(FakeAliplayer.created).toBe(0);

    cdnDown = false;
    await user.click(await retryButton());
    await waitFor(() => expect(status()).toBe('ready'));
    expect(FakeAliplayer.created).toBe(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('licence error 4036: says what to configure for this domain; retry builds a new player', async () => {
    endpoint();
    FakeAliplayer.enforceLicense = true;
    const user = userEvent.setup();
    renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`no licence for ${location.hostname}`);
    expect(alert).toHaveTextContent('license prop');
    expect(alert).toHaveAttribute('data-code', 'Player.4036');

    // The app got its licence configured (here: the fake stops checking); no page reload.
    FakeAliplayer.enforceLicense = false;
    await user.click(await retryButton());
    await waitFor(() => expect(status()).toBe('ready'));
    expect(FakeAliplayer.created).toBe(2);
    expect(FakeAliplayer.instances).toHaveLength(1);
  });

  it('another player error (4500 before playback): alert, retry renews', async () => {
    endpoint();
    const user = userEvent.setup();
    renderPlayer(<VodPlayer videoId="v1" />, createTestQueryClient());
    await waitFor(() => expect(status()).toBe('ready'));
    act(() => FakeAliplayer.latest?.simulateError(4500, 'The video does not exist.'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This video could not be found.');

    await user.click(await retryButton());
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(FakeAliplayer.created).toBe(1);
    expect(FakeAliplayer.latest?.playInfo?.title).toBe('First video');
  });
});

describe('VodPlayer: refused decryption key', () => {
  it('shows its own alert; the retry fetches a new credential (and token), not the cached one', async () => {
    endpoint();
    const user = userEvent.setup();
    const onError = vi.fn();
    renderPlayer(<VodPlayer videoId="v1" onError={onError} />, createTestQueryClient());
    await waitFor(() => expect(status()).toBe('ready'));
    expect(requests).toBe(1);
    // hls.js' keyLoadError as the SDK reports it (403 from the decryption service -> 4025).
    act(() => FakeAliplayer.latest?.simulateError(4025, 'keyLoadError'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This video could not be decrypted.');
    expect(alert).toHaveAttribute('data-playauth-error', 'key');
    expect(alert).toHaveAttribute('data-code', 'KeyRefused');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'KeyRefused', kind: 'key' }),
    );

    await user.click(await retryButton());
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(requests).toBe(2);
    expect(FakeAliplayer.created).toBe(1);
  });
});

describe('VodPlayer: credential renewal', () => {
  it('renews on authkeyexpired keeping position and play state, then stops a renewal loop', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    endpoint();
    const onCredentialRenewed = vi.fn();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderPlayer(
      <VodPlayer videoId="v1" autoplay muted onCredentialRenewed={onCredentialRenewed} />,
      createTestQueryClient(),
    );
    await waitFor(() => expect(status()).toBe('playing'));
    const player = FakeAliplayer.latest;
    if (!player) throw new Error('no player');
    // Past the credential's refresh point, so the renewal needs a new one from the backend.
    await act(() => vi.advanceTimersByTimeAsync(95_000));
    const before = player.getCurrentTime();
    expect(before).toBeGreaterThan(90);
    expect(requests).toBe(1);

    act(() => player.simulateEvent('authkeyexpired'));
    await waitFor(() => expect(onCredentialRenewed).toHaveBeenCalledTimes(1));
    expect(requests).toBe(2);
    expect(onCredentialRenewed.mock.calls[0]?.[0]).toMatchObject({ videoId: 'v1' });
    expect(Math.abs(player.getCurrentTime() - before)).toBeLessThan(0.5);
    expect(status()).toBe('playing');
    expect(player.getStatus()).toBe('playing');
    expect(FakeAliplayer.created).toBe(1);

    // A second automatic trigger within 30 s: an alert instead of a loop.
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    act(() => player.simulateEvent('authkeyexpired'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Playback stopped because its authorisation could not be renewed.',
    );
    expect(onCredentialRenewed).toHaveBeenCalledTimes(1);

    await user.click(await retryButton());
    await waitFor(() => expect(onCredentialRenewed).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(status()).toBe('playing');
  });
});

describe('VodPlayer: localisation', () => {
  it('uses the messages prop for texts and labels', async () => {
    endpoint(({ attempt }) => (attempt === 1 ? 'notFound' : undefined));
    const user = userEvent.setup();
    renderPlayer(
      <VodPlayer
        videoId="v1"
        messages={{ notFound: 'Vidéo introuvable.', retry: 'Réessayer', video: 'Vidéo' }}
      />,
      createTestQueryClient(),
    );
    expect(screen.getByRole('region', { name: 'Vidéo' })).toBeInTheDocument();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Vidéo introuvable.');
    await user.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(status()).toBe('ready'));
  });

  it('renderError replaces the alert content and gets kind, message and retry', async () => {
    endpoint(({ attempt }) => (attempt === 1 ? 'notReady' : undefined));
    const user = userEvent.setup();
    renderPlayer(
      <VodPlayer
        videoId="v1"
        renderError={({ kind, message, retry, error }) => (
          <button type="button" onClick={retry}>
            {`${kind} / ${(error as { code?: string }).code} / ${message}`}
          </button>
        )}
      />,
      createTestQueryClient(),
    );
    const alert = await screen.findByRole('alert');
    const button = within(alert).getByRole('button', {
      name: 'notReady / Forbidden.IllegalStatus / This video is still processing. Try again later.',
    });
    await user.click(button);
    await waitFor(() => expect(status()).toBe('ready'));
  });
});
