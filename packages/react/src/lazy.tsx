'use client';

import { sanitizeCoverUrl } from '@playauth/core';
import { forwardRef, type ReactNode, useState } from 'react';
import { playLabel } from './messages';
import { playerFrameStyle } from './playerFrameStyle';
import type { VodPlayerHandle, VodPlayerProps } from './VodPlayer';
import { VodPlayerCover } from './VodPlayerCover';

type FullPlayer = typeof import('./VodPlayer').VodPlayer;

// The package's own main entry (a self-reference), so an app that also imports it shares one
// copy, and bundlers split the player off into a chunk loaded on demand.
const loadPlayer = () => import('@playauth/react').then((module) => module.VodPlayer);

/**
 * `<VodPlayer>` with the same props, whose initial code is only the cover, the title and a play
 * button (also server-rendered). The player itself (TanStack Query, the controller, the SDK
 * loader) is imported when the viewer presses play, prefetched on hover or focus; it then
 * mounts with `autoplay` and plays. Use it for pages full of players.
 *
 * Until play, the cover shows the `cover` and `title` props (the video's metadata is only
 * fetched once the player loads). A `ref` gets the {@link VodPlayerHandle} once it has loaded.
 * Texts come from `messages.play` (default English).
 *
 * @example
 * ```tsx
 * import { VodPlayer } from '@playauth/react/lazy';
 *
 * <VodPlayer videoId="a1b2c3d4e5f6" title="Launch keynote" cover="https://cdn.example.com/k.jpg" />
 * ```
 */
export const VodPlayer = /* @__PURE__ */ forwardRef<VodPlayerHandle, VodPlayerProps>(
  function LazyVodPlayer(props, ref): ReactNode {
    const [Player, setPlayer] = useState<FullPlayer>();
    const [failed, setFailed] = useState<unknown>();
    if (failed) throw failed; // to the app's error boundary: the chunk could not be loaded
    if (Player) return <Player ref={ref} {...props} autoplay load="eager" />;
    const { title } = props;
    const start = () =>
      loadPlayer().then(
        (loaded) => setPlayer(() => loaded),
        (error: unknown) => setFailed(() => error),
      );
    return (
      <section
        aria-label={title || props.messages?.video || 'Video'}
        className={props.className}
        data-playauth-player=""
        style={playerFrameStyle(props)}
      >
        <VodPlayerCover
          cover={sanitizeCoverUrl(props.cover)}
          title={title}
          showTitle={props.showTitle}
          render={props.renderCover}
          playLabel={(props.messages?.play ?? playLabel)(title ?? '')}
          onPlay={start}
          onIntent={() => void loadPlayer().catch(() => {})}
        />
      </section>
    );
  },
);

export type { VodPlayerHandle, VodPlayerProps } from './VodPlayer';
