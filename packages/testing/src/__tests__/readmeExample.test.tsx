// The consumer test from README.md, kept runnable so the documentation cannot rot.
import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import { render, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

const videos = { 'video-1': { title: 'Welcome', duration: 42 } };
// Relative paths resolve against jsdom's location (http://localhost:3000).
const server = setupServer(...playAuthHandlers({ videos, failures: { broken: 'notFound' } }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  FakeAliplayer.reset(); // disposes players, clears counters and config
});
afterAll(() => server.close());

function renderPlayer(videoId: string) {
  return render(
    <PlayAuthProvider queryClient={createTestQueryClient()} endpoint="/api/play-auth">
      <VodPlayer videoId={videoId} sdk={FakeAliplayer} autoplay muted />
    </PlayAuthProvider>,
  );
}

test('plays the video with a fresh credential', async () => {
  FakeAliplayer.configure({ videos }); // offline play info for the fake (title, duration, URL)
  renderPlayer('video-1');
  await waitFor(() => expect(FakeAliplayer.latest?.getStatus()).toBe('playing'));
  expect(FakeAliplayer.latest?.getOptions().vid).toBe('video-1');
  expect(FakeAliplayer.latest?.getDuration()).toBe(42);
});

test('shows the not-found state', async () => {
  renderPlayer('broken');
  expect(await screen.findByRole('alert')).toBeInTheDocument();
  expect(FakeAliplayer.created).toBe(0); // no player without a credential
});
