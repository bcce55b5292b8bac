import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CustomVodPlayer } from './examples/CustomVodPlayer';
import { titleOf, videoIdControl, videos } from './support/catalogue';

const meta = {
  title: 'Credentials/Custom player on usePlayAuth',
  component: CustomVodPlayer,
  args: { videoId: videos.colourBars },
  argTypes: { videoId: videoIdControl },
  parameters: {
    docs: {
      description: {
        component:
          'When `<VodPlayer>` is not the UI you want: `usePlayAuth(videoId)` gives the credential (fresh, never expired, with VideoMeta for title and cover) and `getFresh()` for renewals; `PlayerController` from @playauth/core owns the Aliplayer instance. Source: `stories/examples/CustomVodPlayer.tsx`.',
      },
    },
  },
} satisfies Meta<typeof CustomVodPlayer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Own controls (Play/Pause, position) over the SDK's player, muted autoplay. */
export const OwnControls: Story = {
  play: async ({ canvas, step }) => {
    await step('the title comes from the credential, then it plays', async () => {
      await canvas.findByText(titleOf(videos.colourBars), undefined, { timeout: 15_000 });
      await waitFor(
        () => expect(canvas.getByTestId('custom-status')).toHaveTextContent('playing'),
        {
          timeout: 15_000,
        },
      );
      await waitFor(
        () =>
          expect(
            Number.parseFloat(canvas.getByLabelText('Position').textContent ?? ''),
          ).toBeGreaterThan(0.2),
        { timeout: 10_000 },
      );
    });
    await step('its own Pause button pauses the SDK player', async () => {
      const title = titleOf(videos.colourBars);
      await userEvent.click(canvas.getByRole('button', { name: `Pause ${title}` }));
      await waitFor(() => expect(canvas.getByTestId('custom-status')).toHaveTextContent('paused'));
      const position = canvas.getByLabelText('Position').textContent;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(canvas.getByLabelText('Position').textContent).toBe(position);
      expect(canvas.getByRole('button', { name: `Play ${title}` })).toBeEnabled();
    });
  },
};
