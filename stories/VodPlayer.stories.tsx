import { VodPlayer } from '@playauth/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { coverOf, titleOf, videoIdControl, videos } from './support/catalogue';
import { expectStatus, expectVideoAdvancing, findPlayer } from './support/expectations';

const meta = {
  title: 'VodPlayer',
  component: VodPlayer,
  args: { videoId: videos.testPattern },
  argTypes: {
    videoId: videoIdControl,
    load: { control: 'inline-radio', options: ['eager', 'visible', 'interaction'] },
  },
  parameters: {
    docs: {
      description: {
        component:
          "`<VodPlayer videoId>` fetches a short-lived PlayAuth from your endpoint (`PlayAuthProvider endpoint`), loads the Aliplayer SDK at the same time, and plays. The cover and title come from the credential's VideoMeta before the player is ready.",
      },
    },
  },
} satisfies Meta<typeof VodPlayer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The five-line use: a video id, nothing else. Autoplay is off unless asked (the SDK's default is on). */
export const Default: Story = {
  play: async ({ canvasElement, step }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await step('the player is built and waits for the viewer', async () => {
      await expectStatus(player, 'ready');
      expect(player.querySelector('video')?.paused).toBe(true);
    });
    await step('the SDK play button starts playback', async () => {
      const button = await waitFor(() => {
        const found = player.querySelector<HTMLElement>('.prism-big-play-btn');
        expect(found).not.toBeNull();
        return found as HTMLElement;
      });
      await userEvent.click(button);
      await expectVideoAdvancing(player);
      await expectStatus(player, 'playing');
    });
  },
};

/** Browsers allow autoplay only when muted: `autoplay muted`. */
export const MutedAutoplay: Story = {
  args: { autoplay: true, muted: true },
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await expectVideoAdvancing(player);
    expect(player.querySelector('video')?.muted).toBe(true);
    await expectStatus(player, 'playing');
  },
};

/**
 * `load="interaction"`: only the cover, title and a real play button until the click (cover and
 * title from your own data, since no credential is fetched yet). Hovering or focusing the button
 * prefetches the credential and the SDK; the player is built on click.
 */
export const LoadOnInteraction: Story = {
  args: {
    load: 'interaction',
    title: 'Test pattern with a 440 Hz tone',
    cover: coverOf(videos.testPattern),
    muted: true,
  },
  play: async ({ canvasElement, step }) => {
    const title = titleOf(videos.testPattern);
    const player = await findPlayer(canvasElement, title);
    const button = await waitFor(() => {
      const found = player.querySelector<HTMLButtonElement>(`button[aria-label="Play ${title}"]`);
      expect(found).not.toBeNull();
      return found as HTMLButtonElement;
    });
    await step('cover, title and play button; nothing built before the click', async () => {
      const cover = player.querySelector<HTMLImageElement>('[data-playauth-cover] img');
      expect(cover).toHaveAttribute('alt', title);
      await waitFor(() => expect(cover?.naturalWidth).toBeGreaterThan(0), { timeout: 10_000 });
      expect(player).toHaveTextContent(title);
      expect(player.getAttribute('data-status')).toBe('idle');
      expect(player.querySelector('video')).toBeNull();
    });
    await step('a click builds the player, which plays', async () => {
      await userEvent.click(button);
      await expectVideoAdvancing(player);
    });
  },
};

/** `load="visible"`: the player starts only when scrolled into view (here, below a long page). */
export const LoadWhenVisible: Story = {
  args: { load: 'visible', autoplay: true, muted: true },
  render: (args) => (
    <div>
      <p>Scroll down: the player below starts loading when it enters the viewport.</p>
      <div style={{ height: '150vh', borderLeft: '4px dashed #94a3b8', margin: '8px 0' }} />
      <VodPlayer {...args} title="Test pattern with a 440 Hz tone" />
    </div>
  ),
  play: async ({ canvasElement, step }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await step('off screen: idle', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(player.getAttribute('data-status')).toBe('idle');
      expect(player.querySelector('video')).toBeNull();
    });
    await step('scrolled into view: it loads and plays', async () => {
      player.scrollIntoView();
      await expectVideoAdvancing(player);
    });
  },
};

/** Several players on one page: one SDK load, independent lifecycles. */
export const SeveralPlayers: Story = {
  args: { autoplay: true, muted: true },
  render: (args) => (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
        gap: 12,
      }}
    >
      {[videos.testPattern, videos.colourBars, videos.shortFilm].map((videoId) => (
        <VodPlayer key={videoId} {...args} videoId={videoId} />
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const players = await Promise.all(
      [videos.testPattern, videos.colourBars, videos.shortFilm].map((id) =>
        findPlayer(canvasElement, titleOf(id)),
      ),
    );
    for (const player of players) await expectVideoAdvancing(player);
    // Each has its own player element and video.
    expect(canvasElement.querySelectorAll('video')).toHaveLength(3);
    const ids = new Set(players.map((player) => player.querySelector('.prism-player')?.id));
    expect(ids.size).toBe(3);
  },
};

/** Changing `videoId` switches the running player to the other video (no re-creation). */
export const SwitchingVideos: Story = {
  args: { autoplay: true, muted: true },
  render: function Render(args) {
    const [videoId, setVideoId] = useState(videos.testPattern);
    return (
      <div>
        <fieldset style={{ border: 0, padding: 0, marginBottom: 8 }}>
          <legend>Video</legend>
          {[videos.testPattern, videos.colourBars].map((id) => (
            <button
              key={id}
              type="button"
              aria-pressed={id === videoId}
              onClick={() => setVideoId(id)}
              style={{ marginRight: 8 }}
            >
              {titleOf(id)}
            </button>
          ))}
        </fieldset>
        <VodPlayer {...args} videoId={videoId} />
      </div>
    );
  },
  play: async ({ canvasElement, canvas }) => {
    const first = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await expectVideoAdvancing(first);
    const video = first.querySelector('video');
    await userEvent.click(canvas.getByRole('button', { name: titleOf(videos.colourBars) }));
    const second = await findPlayer(canvasElement, titleOf(videos.colourBars));
    await waitFor(
      () => expect(second.querySelector('video')?.currentSrc).toMatch(/sample-b|7c2e4a6b/),
      {
        timeout: 15_000,
      },
    );
    await expectVideoAdvancing(second);
    // The same <video>: the running player was switched, not rebuilt.
    expect(second.querySelector('video')).toBe(video);
  },
};
