// The lazy entry: a cover-only first render (also on the server), the full player on play.
import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VodPlayer } from '../lazy';
import type { VodPlayerHandle } from '../VodPlayer';
import { renderPlayer, setupCatalogBackend } from './VodPlayerHarness';

const { requests } = setupCatalogBackend();

describe('@playauth/react/lazy VodPlayer', () => {
  it('server-renders the cover, title and play button', () => {
    const html = renderToString(
      <VodPlayer videoId="v1" title="Keynote" cover="https://img.example.com/k.jpg" />,
    );
    expect(html).toContain('aria-label="Play Keynote"');
    expect(html).toContain('src="https://img.example.com/k.jpg"');
    expect(html).toContain('data-playauth-cover');
  });

  it('fetches nothing until play, then loads the player and plays', async () => {
    const ref = createRef<VodPlayerHandle>();
    renderPlayer(
      <VodPlayer ref={ref} videoId="v1" title="Keynote" muted />,
      createTestQueryClient(),
    );
    expect(screen.getByRole('region', { name: 'Keynote' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toEqual([]);
    expect(FakeAliplayer.created).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Play Keynote' }));
    await waitFor(() => expect(screen.getByRole('region').dataset.status).toBe('playing'));
    expect(requests).toEqual(['v1']);
    expect(ref.current?.player).toBe(FakeAliplayer.latest);
    expect(FakeAliplayer.latest?.getOptions().autoplay).toBe(true);
  });

  it('uses the messages prop for its labels', () => {
    renderPlayer(
      <VodPlayer videoId="v1" messages={{ play: (title) => `播放 ${title}`, video: '视频' }} />,
      createTestQueryClient(),
    );
    expect(screen.getByRole('region', { name: '视频' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '播放' })).toBeInTheDocument();
  });
});
