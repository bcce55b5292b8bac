// Issue 17 on FakeAliplayer: resume, texts, the full handle, event props, preview, theming.
import { isPlayAuthError, type ResumeStorage } from '@playauth/core';
import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { en, zhCN } from '../messages';
import { playerEvents } from '../playerEvents';
import { VodPlayer, type VodPlayerHandle } from '../VodPlayer';
import { renderPlayer, setupCatalogBackend, VIDEOS } from './VodPlayerHarness';

setupCatalogBackend();

const status = () => screen.getByRole('region').getAttribute('data-status');

/** Renders a ready player and returns its handle. */
async function readyPlayer(props: Partial<Parameters<typeof VodPlayer>[0]> = {}) {
  const ref = createRef<VodPlayerHandle>();
  renderPlayer(<VodPlayer ref={ref} videoId="v1" {...props} />, createTestQueryClient());
  // The first render of the file also loads the fake SDK and starts MSW: more than waitFor's
  // default 1 s on a loaded CI machine.
  await waitFor(() => expect(status()).toBe('ready'), { timeout: 5000 });
  const handle = ref.current;
  const player = FakeAliplayer.latest;
  if (!handle || !player) throw new Error('no player');
  return { handle, player };
}

describe('handle', () => {
  it('forwards every method to the SDK', async () => {
    const { handle, player } = await readyPlayer();
    expect(handle.player).toBe(player);
    const setSpeed = vi.spyOn(player, 'setSpeed');
    handle.setPlaybackRate(2);
    expect(setSpeed).toHaveBeenCalledWith(2);
    expect(handle.getPlaybackRate()).toBe(2);
    handle.setVolume(0.5);
    expect(handle.getVolume()).toBe(0.5);
    handle.setMuted(true);
    expect(player.muted).toBe(true);
    handle.setMuted(false);
    expect(player.muted).toBe(false);
    handle.requestFullscreen();
    expect(player.fullscreenService.getIsFullScreen()).toBe(true);
    handle.exitFullscreen();
    expect(player.fullscreenService.getIsFullScreen()).toBe(false);
    expect(handle.getStatus()).toBe(player.getStatus());
    handle.seek(30);
    expect(handle.getCurrentTime()).toBe(30);
  });

  it('throws a typed error for a bad rate or volume', async () => {
    const { handle } = await readyPlayer();
    expect(() => handle.setPlaybackRate(-1)).toThrow(/setPlaybackRate\(-1\)/);
    let error: unknown;
    try {
      handle.setVolume(1.5);
    } catch (caught) {
      error = caught;
    }
    expect(isPlayAuthError(error) && error.code).toBe('InvalidParameter');
  });
});

describe('event props', () => {
  it('map each SDK event, fullscreen both ways', async () => {
    const onRateChange = vi.fn();
    const onVolumeChange = vi.fn();
    const onSeeking = vi.fn();
    const onSeeked = vi.fn();
    const onFullscreenChange = vi.fn();
    const { handle } = await readyPlayer({
      onRateChange,
      onVolumeChange,
      onSeeking,
      onSeeked,
      onFullscreenChange,
    });
    handle.setPlaybackRate(1.5);
    handle.setVolume(0.3);
    handle.seek(10);
    handle.requestFullscreen();
    handle.exitFullscreen();
    await waitFor(() => expect(onSeeked).toHaveBeenCalled());
    expect(onRateChange).toHaveBeenCalledTimes(1);
    expect(onVolumeChange).toHaveBeenCalledTimes(1);
    expect(onSeeking).toHaveBeenCalledTimes(1);
    expect(onFullscreenChange.mock.calls.map(([event]) => event.type)).toEqual([
      'requestFullScreen',
      'cancelFullScreen',
    ]);
  });

  it('are one typed map', () => {
    expect(Object.keys(playerEvents)).toEqual(
      expect.arrayContaining([
        'onWaiting',
        'onCanPlay',
        'onSeeking',
        'onSeeked',
        'onRateChange',
        'onVolumeChange',
        'onFullscreenChange',
        'onAutoplayBlocked',
      ]),
    );
  });

  it('a refused autoplay calls onAutoplayBlocked and the cover offers play', async () => {
    FakeAliplayer.configure({ autoplayPolicy: 'blocked' });
    const onAutoplayBlocked = vi.fn();
    renderPlayer(
      <VodPlayer videoId="v1" autoplay onAutoplayBlocked={onAutoplayBlocked} />,
      createTestQueryClient(),
    );
    const button = await screen.findByRole('button', { name: 'Play First video' });
    expect(onAutoplayBlocked).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('img', { name: 'First video' })).toBeInTheDocument();
    await userEvent.click(button);
    await waitFor(() => expect(status()).toBe('playing'));
    expect(screen.queryByRole('button', { name: 'Play First video' })).not.toBeInTheDocument();
  });
});

describe('definitions and format', () => {
  const withDefinitions = () =>
    FakeAliplayer.configure({
      videos: { ...VIDEOS, v1: { ...VIDEOS.v1, definitions: ['LD', 'SD', 'HD'] } },
    });

  it('the handle lists them; definition and format props reach the SDK', async () => {
    withDefinitions();
    const { handle, player } = await readyPlayer({ definition: 'SD', format: 'hls' });
    expect(handle.getDefinitions()).toEqual(['LD', 'SD', 'HD']);
    expect(handle.getDefinition()).toBe('SD');
    expect(player.getOptions()).toMatchObject({ defaultDefinition: 'SD', format: 'm3u8' });
  });

  it('switches keeping the position (handle or prop) and calls onDefinitionChange', async () => {
    withDefinitions();
    const onDefinitionChange = vi.fn();
    const ref = createRef<VodPlayerHandle>();
    const queryClient = createTestQueryClient();
    const { rerender } = renderPlayer(
      <VodPlayer ref={ref} videoId="v1" onDefinitionChange={onDefinitionChange} />,
      queryClient,
    );
    await waitFor(() => expect(status()).toBe('ready'));
    const handle = ref.current as VodPlayerHandle;
    handle.seek(42);
    await act(() => handle.setDefinition('HD'));
    expect(FakeAliplayer.latest?.playInfo?.definition).toBe('HD');
    expect(handle.getCurrentTime()).toBe(42);
    expect(onDefinitionChange).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'definitionChange',
        paramData: { definition: 'HD', previous: 'LD' },
      }),
    );

    rerender(
      <VodPlayer ref={ref} videoId="v1" definition="SD" onDefinitionChange={onDefinitionChange} />,
    );
    await waitFor(() => expect(onDefinitionChange).toHaveBeenCalledTimes(2));
    expect(handle.getDefinition()).toBe('SD');
    expect(handle.getCurrentTime()).toBe(42);
    expect(FakeAliplayer.created).toBe(1);
  });
});

describe('resume and startTime', () => {
  it('starts at startTime', async () => {
    const { handle } = await readyPlayer({ startTime: 42 });
    await waitFor(() => expect(handle.getCurrentTime()).toBe(42));
  });

  it('resume={{ storage }} restores and saves the position', async () => {
    const saved = new Map([['v1', 100]]);
    const storage: ResumeStorage = {
      get: (id) => saved.get(id),
      set: (id, seconds) => {
        if (seconds === undefined) saved.delete(id);
        else saved.set(id, seconds);
      },
    };
    const { handle } = await readyPlayer({ resume: { storage } });
    await waitFor(() => expect(handle.getCurrentTime()).toBe(100));
    handle.seek(200);
    handle.play();
    await waitFor(() => expect(status()).toBe('playing'));
    handle.pause();
    expect(saved.get('v1')).toBe(200);
  });

  it('resume (provider, true) uses localStorage', async () => {
    localStorage.setItem('playauth:resume:v1', '77');
    const ref = createRef<VodPlayerHandle>();
    renderPlayer(<VodPlayer ref={ref} videoId="v1" />, createTestQueryClient(), {
      resume: true,
    });
    await waitFor(() => expect(ref.current?.getCurrentTime()).toBe(77));
    localStorage.clear();
  });
});

describe('preview', () => {
  it('passes PreviewTime and calls onPreviewEnd once at the limit', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const onPreviewEnd = vi.fn();
    const { handle, player } = await readyPlayer({ preview: { seconds: 5 }, onPreviewEnd });
    expect(player.getOptions().playConfig).toEqual({ PreviewTime: 5 });
    handle.play();
    await act(() => vi.advanceTimersByTimeAsync(8000));
    expect(onPreviewEnd).toHaveBeenCalledTimes(1);
    expect(onPreviewEnd).toHaveBeenCalledWith({ videoId: 'v1', seconds: 5 });
    expect(handle.getCurrentTime()).toBeLessThan(6);
  });
});

describe('texts', () => {
  it('zhCN translates the UI and sets the SDK language', async () => {
    renderPlayer(
      <VodPlayer videoId="v1" load="interaction" title="发布会" messages={zhCN} />,
      createTestQueryClient(),
    );
    expect(screen.getByRole('button', { name: '播放“发布会”' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(FakeAliplayer.latest?.getOptions().language).toBe('zh-cn'));
  });

  it('both sets have every key, with the same kinds of values', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(typeof zhCN[key]).toBe(typeof en[key]);
    }
    expect(zhCN.license('example.com')).toContain('example.com');
  });
});

describe('theming', () => {
  it('renderCover replaces the cover content and gets play when a button would show', async () => {
    renderPlayer(
      <VodPlayer
        videoId="v1"
        load="interaction"
        title="Keynote"
        renderCover={({ title, play }) => (
          <button type="button" onClick={play}>
            Watch {title}
          </button>
        )}
      />,
      createTestQueryClient(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Watch Keynote' }));
    await waitFor(() => expect(FakeAliplayer.created).toBe(1));
  });

  it('marks its parts and styles them through custom properties, same default look', () => {
    renderPlayer(
      <VodPlayer
        videoId="v1"
        load="interaction"
        title="Keynote"
        cover="https://img.example.com/k.jpg"
      />,
      createTestQueryClient(),
    );
    const cover = document.querySelector<HTMLElement>('[data-playauth-cover]');
    const title = document.querySelector<HTMLElement>('[data-playauth-title]');
    const play = document.querySelector<HTMLElement>('[data-playauth-play]');
    expect(title?.textContent).toBe('Keynote');
    expect(play?.getAttribute('aria-label')).toBe('Play Keynote');
    expect(cover?.style.background).toBe('var(--playauth-background,#000)');
    expect(title?.style.color).toBe('var(--playauth-color,#fff)');
    expect(title?.style.background).toBe('var(--playauth-overlay,rgba(0,0,0,0.6))');
    // The SDK's element is a stacking context of its own: its error overlay (z-index 99) stays
    // under the cover and the alert, whose retry button must stay clickable.
    const sdkElement = document.querySelector<HTMLElement>('[data-playauth-player] > div');
    expect(sdkElement?.style.isolation).toBe('isolate');
    expect(cover?.compareDocumentPosition(sdkElement as Node)).toBe(
      Node.DOCUMENT_POSITION_PRECEDING,
    );
  });
});
