import type { ResumeStorage } from '@playauth/core';
import { VodPlayer, type VodPlayerHandle, zhCN } from '@playauth/react';
import { VodPlayer as LazyVodPlayer } from '@playauth/react/lazy';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type CSSProperties, useRef, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { coverOf, titleOf, videos } from './support/catalogue';
import { expectStatus, expectVideoAdvancing, findPlayer } from './support/expectations';

const meta = {
  title: 'VodPlayer/Features',
  component: VodPlayer,
  args: { videoId: videos.testPattern },
  parameters: {
    docs: {
      description: {
        component:
          'Resume where the viewer left off, Chinese texts, the full handle (rate, volume, mute, fullscreen), a themed cover and the lazy entry `@playauth/react/lazy`.',
      },
    },
  },
} satisfies Meta<typeof VodPlayer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A resume storage that shows what it holds (your app might sync it to a server instead). */
function ResumeDemo() {
  const handle = useRef<VodPlayerHandle>(null);
  const [saved, setSaved] = useState<Record<string, number | undefined>>({});
  const [storage] = useState<ResumeStorage>(() => ({
    get: (videoId) => savedPositions.get(videoId),
    set: (videoId, seconds) => {
      if (seconds === undefined) savedPositions.delete(videoId);
      else savedPositions.set(videoId, seconds);
      setSaved(Object.fromEntries(savedPositions));
    },
  }));
  return (
    <div>
      <VodPlayer ref={handle} videoId={videos.testPattern} resume={{ storage }} autoplay muted />
      <p>
        <button type="button" onClick={() => handle.current?.pause()}>
          Pause
        </button>{' '}
        Saved: <output aria-label="saved position">{saved[videos.testPattern] ?? 'none'}</output>
      </p>
    </div>
  );
}
const savedPositions = new Map<string, number>();

/**
 * `resume`: the position is saved per video while playing (at most every 5 s, and on pause),
 * restored on the next load unless it is in the last seconds, and cleared on `ended`.
 * `resume` alone keeps positions in `localStorage`; `resume={{ storage }}` anywhere else, e.g.
 * your server (async is fine).
 */
export const Resume: Story = {
  render: () => <ResumeDemo />,
  beforeEach: () => savedPositions.clear(),
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await expectVideoAdvancing(player);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Pause' }));
    const output = within(canvasElement).getByRole('status', { name: 'saved position' });
    await waitFor(() => expect(Number(output.textContent)).toBeGreaterThan(0));
  },
};

/** `messages={zhCN}`: every text in Simplified Chinese, and the SDK's own UI in `zh-cn`. */
export const ChineseTexts: Story = {
  args: {
    messages: zhCN,
    load: 'interaction',
    title: '测试图案',
    cover: coverOf(videos.testPattern),
    muted: true,
  },
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, '测试图案');
    await userEvent.click(within(player).getByRole('button', { name: '播放“测试图案”' }));
    await expectVideoAdvancing(player);
  },
};

function HandleControls() {
  const handle = useRef<VodPlayerHandle>(null);
  return (
    <div>
      <VodPlayer ref={handle} videoId={videos.testPattern} autoplay muted />
      <p style={{ display: 'flex', gap: 8 }}>
        <button type="button" onClick={() => handle.current?.setPlaybackRate(1.5)}>
          1.5×
        </button>
        <button type="button" onClick={() => handle.current?.setPlaybackRate(1)}>
          1×
        </button>
        <button type="button" onClick={() => handle.current?.setVolume(0.5)}>
          Volume 50%
        </button>
        <button type="button" onClick={() => handle.current?.setMuted(false)}>
          Unmute
        </button>
        <button type="button" onClick={() => handle.current?.requestFullscreen()}>
          Fullscreen
        </button>
      </p>
    </div>
  );
}

/** The handle beyond play/pause/seek: rate, volume, mute and fullscreen, each an SDK method. */
export const RateAndVolume: Story = {
  render: () => <HandleControls />,
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await expectStatus(player, 'playing');
    const canvas = within(canvasElement);
    const video = () => player.querySelector('video') as HTMLVideoElement;
    await userEvent.click(canvas.getByRole('button', { name: '1.5×' }));
    await waitFor(() => expect(video().playbackRate).toBe(1.5));
    await userEvent.click(canvas.getByRole('button', { name: 'Volume 50%' }));
    await waitFor(() => expect(video().volume).toBeCloseTo(0.5));
    await userEvent.click(canvas.getByRole('button', { name: 'Unmute' }));
    await waitFor(() => expect(video().muted).toBe(false));
  },
};

/**
 * Theming from the app's CSS: custom properties (`--playauth-overlay`, `--playauth-color`,
 * `--playauth-font`, `--playauth-background`, `--playauth-alert-background`) and the
 * `data-playauth-*` parts; `renderCover` replaces the cover's content altogether.
 */
export const ThemedCover: Story = {
  args: {
    load: 'interaction',
    title: 'Test pattern',
    cover: coverOf(videos.testPattern),
    style: {
      '--playauth-overlay': 'rgba(29, 78, 216, 0.85)',
      '--playauth-font': '600 16px/1.5 Georgia, serif',
    } as CSSProperties,
  },
  render: (args) => (
    <>
      <style>{'[data-playauth-title] { border-bottom-right-radius: 8px; }'}</style>
      <VodPlayer {...args} />
    </>
  ),
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, 'Test pattern');
    const title = player.querySelector('[data-playauth-title]') as HTMLElement;
    const style = getComputedStyle(title);
    expect(style.backgroundColor).toBe('rgba(29, 78, 216, 0.85)');
    expect(style.fontFamily).toContain('Georgia');
    expect(style.borderBottomRightRadius).toBe('8px');
    const circle = player.querySelector('[data-playauth-play] circle') as SVGElement;
    expect(getComputedStyle(circle).fill).toBe('rgba(29, 78, 216, 0.85)');
  },
};

/** `renderCover`: your own cover; `play` is given whenever the default would show its button. */
export const CustomCover: Story = {
  args: { load: 'interaction', title: 'Test pattern', muted: true },
  render: (args) => (
    <VodPlayer
      {...args}
      renderCover={({ title, play }) => (
        <div style={{ display: 'grid', placeItems: 'center', height: '100%', color: '#fff' }}>
          <button type="button" onClick={play} style={{ font: '600 18px system-ui' }}>
            ▶ Watch “{title}”
          </button>
        </div>
      )}
    />
  ),
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, 'Test pattern');
    await userEvent.click(within(player).getByRole('button', { name: '▶ Watch “Test pattern”' }));
    await expectVideoAdvancing(player);
  },
};

/**
 * `@playauth/react/lazy`: the same props, but the first load is only the cover, the title and
 * the play button (about 1.4 kB); the player's code is imported when the viewer presses play.
 */
export const LazyEntry: Story = {
  args: { title: 'Test pattern (lazy)', cover: coverOf(videos.testPattern), muted: true },
  render: (args) => <LazyVodPlayer {...args} />,
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, 'Test pattern (lazy)');
    expect(player.querySelector('video')).toBeNull();
    await userEvent.click(within(player).getByRole('button', { name: 'Play Test pattern (lazy)' }));
    const loaded = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await expectVideoAdvancing(loaded);
  },
};
