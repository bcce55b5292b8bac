import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import {
  FLAKY_ENDPOINT,
  FLAKY_SDK_URL,
  simulated,
  withStoryDefaults,
} from '../.storybook/storyEnvironment';
import { titleOf, videos } from './support/catalogue';
import { expectVideoAdvancing, findAlert, findPlayer } from './support/expectations';
import { UnlicensedAliplayer } from './support/UnlicensedAliplayer';

const meta = {
  title: 'VodPlayer/Error states',
  component: VodPlayer,
  args: { videoId: videos.testPattern, autoplay: true, muted: true },
  parameters: {
    docs: {
      description: {
        component:
          'Every failure renders inside the player box with `role="alert"`, says what happened and offers a way forward (a retry that never reloads the page). Texts are replaceable with `messages` or `renderError`.',
      },
    },
  },
} satisfies Meta<typeof VodPlayer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The backend answers 404 `InvalidVideo.NotFound`. */
export const NotFound: Story = {
  args: { videoId: videos.missing, title: 'A video that was deleted' },
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, 'A video that was deleted');
    const alert = await findAlert(player);
    expect(alert).toHaveTextContent(/could not be found/i);
    expect(player.querySelector('video')).toBeNull();
  },
};

/** The video is still transcoding: 403 `Forbidden.IllegalStatus`. */
export const NotReady: Story = {
  args: { videoId: videos.transcoding, title: titleOf(videos.transcoding) },
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.transcoding));
    const alert = await findAlert(player);
    expect(alert).toHaveTextContent(/still processing/i);
    expect(within(alert).getByRole('button', { name: /try again/i })).toBeVisible();
  },
};

/** A switch standing for the simulated outage, so the story can be explored by hand too. */
function OutageSwitch({ label, target }: { label: string; target: keyof typeof simulated }) {
  const [up, setUp] = useState(simulated[target]);
  return (
    <label style={{ display: 'block', marginBottom: 8 }}>
      <input
        type="checkbox"
        checked={up}
        onChange={(event) => {
          simulated[target] = event.target.checked;
          setUp(event.target.checked);
        }}
      />{' '}
      {label}
    </label>
  );
}

/**
 * The credential endpoint cannot be reached (network error). After three retries with backoff the
 * player shows the error; "Try again" fetches again without a page reload.
 */
export const BackendDown: Story = {
  beforeEach: () => {
    simulated.backendUp = false;
    return () => {
      simulated.backendUp = false;
    };
  },
  args: { title: titleOf(videos.testPattern) },
  render: (args) => (
    // A nested provider inherits the outer one's settings (this Storybook's player engine).
    <PlayAuthProvider endpoint={FLAKY_ENDPOINT}>
      <OutageSwitch label="Backend reachable" target="backendUp" />
      <VodPlayer {...args} />
    </PlayAuthProvider>
  ),
  play: async ({ canvasElement, canvas, step }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await step('retries run out, then the error shows', async () => {
      const alert = await findAlert(player, 30_000);
      expect(alert).toHaveTextContent(/could not be reached/i);
    });
    await step('the backend is back: "Try again" plays', async () => {
      await userEvent.click(canvas.getByRole('checkbox', { name: 'Backend reachable' }));
      await userEvent.click(within(player).getByRole('button', { name: /try again/i }));
      await expectVideoAdvancing(player);
    });
  },
};

/**
 * The SDK script fails to load (here its host answers 503). The failure is not cached: "Try again"
 * loads it again.
 */
export const SdkLoadFailure: Story = {
  beforeEach: () => {
    simulated.sdkUp = false;
    return () => {
      simulated.sdkUp = false;
    };
  },
  args: { sdk: { script: FLAKY_SDK_URL, css: false } },
  render: (args) => (
    <div>
      <OutageSwitch label="SDK host reachable" target="sdkUp" />
      <VodPlayer {...args} />
    </div>
  ),
  play: async ({ canvasElement, canvas, step }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    await step('the load fails', async () => {
      const alert = await findAlert(player);
      expect(alert).toHaveTextContent(/player could not be loaded/i);
    });
    await step('the host is back: "Try again" loads the SDK and plays', async () => {
      await userEvent.click(canvas.getByRole('checkbox', { name: 'SDK host reachable' }));
      await userEvent.click(within(player).getByRole('button', { name: /try again/i }));
      await expectVideoAdvancing(player);
    });
  },
};

/**
 * On http(s) pages the SDK needs `license: { domain, key }`; without it, error 4036 (simulated by a
 * FakeAliplayer that enforces the licence check). The message says what to configure, for which
 * domain.
 */
export const LicenceError: Story = {
  args: { sdk: withStoryDefaults(UnlicensedAliplayer) },
  play: async ({ canvasElement }) => {
    const player = await findPlayer(canvasElement, titleOf(videos.testPattern));
    const alert = await findAlert(player);
    expect(alert).toHaveTextContent(/licen[cs]e/i);
    expect(alert).toHaveTextContent(location.hostname);
  },
};
