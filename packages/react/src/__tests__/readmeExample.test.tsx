// The `usePlayAuth` example of the READMEs, kept runnable so the documentation cannot rot: both
// READMEs must show readme/VideoCard.tsx verbatim (without `export`), and it must work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestQueryClient } from '@playauth/testing';
import { playAuthHandlers } from '@playauth/testing/msw';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { VideoCard } from './readme/VideoCard';

const videos = {
  v1: { title: 'Welcome', duration: 42, coverUrl: 'https://img.example.com/1.jpg' },
};
const requests: { videoId: string; authInfoTimeout: number }[] = [];
// The example uses the default endpoint; relative paths resolve against jsdom's location.
const server = setupServer(
  ...playAuthHandlers({
    videos,
    failures: { gone: 'notFound' },
    onRequest: ({ videoId, authInfoTimeout }) => requests.push({ videoId, authInfoTimeout }),
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  requests.length = 0;
});
afterAll(() => server.close());

const renderCard = (videoId: string, play = vi.fn()) => {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <VideoCard videoId={videoId} play={play} />
    </QueryClientProvider>,
  );
  return play;
};

describe('README: usePlayAuth in a custom player', () => {
  test.each([
    ['README.md', '../../../../README.md', '## `usePlayAuth` in a custom player'],
    ['packages/react/README.md', '../../README.md', '## The hook'],
  ])('%s shows the example file verbatim', (_, path, heading) => {
    const readme = readFileSync(join(import.meta.dirname, path), 'utf8');
    const section = readme.slice(readme.indexOf(heading));
    const block = /```tsx\n([\s\S]*?)```/.exec(section)?.[1];
    const file = readFileSync(join(import.meta.dirname, 'readme/VideoCard.tsx'), 'utf8');
    expect(block).toBe(file.replace(/^export /gm, ''));
  });

  test('shows cover and title, then plays with a fresh PlayAuth from one request', async () => {
    const play = renderCard('v1');
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'Welcome' })).toHaveAttribute(
      'src',
      videos.v1.coverUrl,
    );
    expect(screen.getByRole('figure')).toHaveTextContent(/Welcome, valid until/);
    await userEvent.click(screen.getByRole('button', { name: 'Play' }));
    await waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    expect(play.mock.calls[0]?.[0]).toEqual(expect.any(String));
    expect(requests).toEqual([{ videoId: 'v1', authInfoTimeout: 600 }]); // still fresh: no refetch
  });

  test('shows the typed error', async () => {
    renderCard('gone');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^InvalidVideo\.NotFound: /);
  });
});
