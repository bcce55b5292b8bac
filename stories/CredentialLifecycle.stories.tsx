import { VodPlayer } from '@playauth/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CredentialPanel } from './examples/CredentialPanel';
import { titleOf, videoIdControl, videos } from './support/catalogue';
import { expectVideoAdvancing, findPlayer } from './support/expectations';

const meta = {
  title: 'Credentials/Live credential panel',
  component: CredentialPanel,
  args: { videoId: videos.testPattern, authInfoTimeout: 100 },
  argTypes: {
    videoId: videoIdControl,
    authInfoTimeout: { control: { type: 'range', min: 100, max: 3000, step: 50 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A PlayAuth lives `AuthInfoTimeout` seconds (100 here, the minimum). `usePlayAuth` refreshes it before it expires (10 % of the validity or 10 s ahead, whichever is more) for as long as someone observes it, and never hands out an expired one. The player beside it only needs a credential until it has loaded its source; watch the refresh count grow while it plays. A backend built with `createPlayAuthHandler` hands the same answer to requests within a few seconds of each other (with the validity left), so a refresh right after another may show the same RequestId.',
      },
    },
  },
} satisfies Meta<typeof CredentialPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The panel beside a playing player, at 100 s validity. */
export const HundredSecondValidity: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
      <VodPlayer
        videoId={args.videoId}
        authInfoTimeout={args.authInfoTimeout}
        autoplay
        muted
        loop
      />
      <CredentialPanel {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement, step }) => {
    const expiresIn = () => Number.parseInt(canvas.getByTestId('expires-in').textContent ?? '', 10);
    await step('a credential valid for 100 s is shown and counts down', async () => {
      await waitFor(() => expect(canvas.getByTestId('issued-at')).not.toHaveTextContent('—'), {
        timeout: 15_000,
      });
      const first = expiresIn();
      expect(first).toBeGreaterThan(80);
      expect(first).toBeLessThanOrEqual(100);
      await waitFor(() => expect(expiresIn()).toBeLessThan(first), { timeout: 3_000 });
      expect(canvas.getByTestId('refresh-count')).toHaveTextContent('0');
    });
    await step('the player plays with it', async () => {
      await expectVideoAdvancing(await findPlayer(canvasElement, titleOf(videos.testPattern)));
    });
    await step('a refresh fetches again and counts', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Refresh now' }));
      await waitFor(() => expect(canvas.getByTestId('refresh-count')).toHaveTextContent('1'), {
        timeout: 10_000,
      });
      expect(canvas.getByTestId('credential-status')).toHaveTextContent('success');
      expect(expiresIn()).toBeGreaterThan(80);
    });
  },
};
