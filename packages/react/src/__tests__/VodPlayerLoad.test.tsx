import { createTestQueryClient, FakeAliplayer } from '@playauth/testing';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { VodPlayer } from '../VodPlayer';
import { renderPlayer, setupCatalogBackend } from './VodPlayerHarness';

const { requests } = setupCatalogBackend();

const status = () => screen.getByRole('region').getAttribute('data-status');

describe('VodPlayer load="interaction"', () => {
  it('shows a play button, prefetches on hover and builds the player on click, then plays', async () => {
    const loader = vi.fn(async () => FakeAliplayer);
    const user = userEvent.setup();
    renderPlayer(
      <VodPlayer videoId="v1" load="interaction" title="Launch" muted />,
      createTestQueryClient(),
      { sdk: loader },
    );
    const button = screen.getByRole('button', { name: 'Play Launch' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(requests).toEqual([]);
    expect(loader).not.toHaveBeenCalled();

    await user.hover(button);
    // The prefetched credential brings the real title, and the SDK starts loading too.
    expect(await screen.findByRole('button', { name: 'Play First video' })).toBeInTheDocument();
    expect(requests).toEqual(['v1']);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(FakeAliplayer.created).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Play First video' }));
    await waitFor(() => expect(status()).toBe('playing'));
    expect(FakeAliplayer.created).toBe(1);
    // The prefetched credential was used, not fetched again.
    expect(requests).toEqual(['v1']);
    expect(screen.queryByRole('button', { name: /^Play First/ })).not.toBeInTheDocument();
  });

  it.each(['{Enter}', ' '])('is keyboard usable: focus prefetches, %s plays', async (key) => {
    const user = userEvent.setup();
    renderPlayer(<VodPlayer videoId="v1" load="interaction" muted />, createTestQueryClient());
    expect(screen.getByRole('button', { name: 'Play video' })).toBeInTheDocument();
    await user.tab();
    expect(await screen.findByRole('button', { name: 'Play First video' })).toHaveFocus();
    expect(requests).toEqual(['v1']);
    expect(FakeAliplayer.created).toBe(0);

    await user.keyboard(key);
    await waitFor(() => expect(status()).toBe('playing'));
    expect(FakeAliplayer.created).toBe(1);
    // The button is gone; focus stayed in the player instead of falling back to <body>.
    expect(screen.getByRole('region')).toHaveFocus();
  });
});

describe('VodPlayer load="visible"', () => {
  it('starts the SDK and the credential only once scrolled into view', async () => {
    const observers: Array<{ callback: IntersectionObserverCallback; elements: Element[] }> = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        readonly elements: Element[] = [];
        constructor(readonly callback: IntersectionObserverCallback) {
          observers.push(this);
        }
        observe(element: Element) {
          this.elements.push(element);
        }
        disconnect() {
          this.elements.length = 0;
        }
      },
    );
    const loader = vi.fn(async () => FakeAliplayer);
    renderPlayer(<VodPlayer videoId="v1" load="visible" />, createTestQueryClient(), {
      sdk: loader,
    });
    const region = screen.getByRole('region');
    expect(observers.at(-1)?.elements).toEqual([region]);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(requests).toEqual([]);
    expect(loader).not.toHaveBeenCalled();
    // No play button: this mode starts by itself.
    expect(screen.queryByRole('button')).not.toBeInTheDocument();

    const observer = observers.at(-1);
    act(() =>
      observer?.callback(
        [{ isIntersecting: true, target: region } as unknown as IntersectionObserverEntry],
        observer as unknown as IntersectionObserver,
      ),
    );
    await waitFor(() => expect(status()).toBe('ready'));
    expect(requests).toEqual(['v1']);
    expect(loader).toHaveBeenCalledTimes(1);
    // Once started it stays: the observer is gone.
    expect(observer?.elements).toEqual([]);
  });
});
