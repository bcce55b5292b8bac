import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { PrefetchGallery } from './examples/PrefetchGallery';
import { titleOf, videos } from './support/catalogue';
import { expectVideoAdvancing, findPlayer } from './support/expectations';

const items = [videos.testPattern, videos.colourBars, videos.shortFilm].map((videoId) => ({
  videoId,
  title: titleOf(videoId),
}));

const meta = {
  title: 'Credentials/Prefetch on hover',
  component: PrefetchGallery,
  args: { items },
  parameters: {
    docs: {
      description: {
        component:
          '`playAuthQueryOptions(videoId, config)` is the query `usePlayAuth` and `<VodPlayer>` use, so `queryClient.prefetchQuery(playAuthQueryOptions(…))` on hover (or in a route loader, or on the server) fills the same cache entry. Source: `stories/examples/PrefetchGallery.tsx`.',
      },
    },
  },
} satisfies Meta<typeof PrefetchGallery>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Hover fetches the credential; the click plays it without another request. */
export const PrefetchThenPlay: Story = {
  play: async ({ canvas, canvasElement, step }) => {
    const target = items[1];
    if (!target) throw new Error('no item');
    const badge = canvas.getByTestId(`badge-${target.videoId}`);
    expect(badge).toHaveTextContent('not fetched');

    await step('hovering fetches the credential', async () => {
      await userEvent.hover(canvas.getByRole('button', { name: new RegExp(target.title) }));
      await waitFor(() => expect(badge).toHaveTextContent(/credential ready/), { timeout: 10_000 });
      // The others were not touched.
      expect(canvas.getByTestId(`badge-${items[2]?.videoId}`)).toHaveTextContent('not fetched');
    });

    await step('clicking plays it from the cache', async () => {
      const fetchedAt = badge.getAttribute('data-updated');
      await userEvent.click(canvas.getByRole('button', { name: new RegExp(target.title) }));
      await expectVideoAdvancing(await findPlayer(canvasElement, target.title));
      expect(badge.getAttribute('data-updated')).toBe(fetchedAt);
    });
  },
};
