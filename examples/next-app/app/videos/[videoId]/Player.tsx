'use client';

import { PlayAuthProvider, VodPlayer } from '@playauth/react';
import type { VideoMeta } from '@playauth/react/server';

/** Loads FakeAliplayer (a `<video>` element) on demand, in place of the Aliplayer SDK. */
const loadFakeAliplayer = () =>
  import('@playauth/testing').then((testing) => testing.FakeAliplayer);

export interface PlayerProps {
  videoId: string;
  /** From the server (GetVideoInfo): cover, title and duration before any credential. */
  meta?: VideoMeta | undefined;
  /** Play through FakeAliplayer (no licence needed; development and tests). */
  fakePlayer?: boolean;
  /** Where the player sends GetPlayInfo: the emulator's URL; none for real VOD. */
  vodServer?: string | undefined;
  /** The Aliplayer SDK's licence; none on `file:` pages and with FakeAliplayer. */
  licenseKey?: string | undefined;
  licenseDomain?: string | undefined;
}

/**
 * The client part of the page: `'use client'` because it passes functions (the SDK loader) and
 * runs the player. Server Components can only pass it serialisable props, so the server passes
 * settings and this component turns them into the `sdk`, `license` and `options` props.
 */
export function Player({
  videoId,
  meta,
  fakePlayer,
  vodServer,
  licenseKey,
  licenseDomain,
}: PlayerProps) {
  return (
    <PlayAuthProvider
      endpoint="/api/play-auth"
      sdk={fakePlayer ? loadFakeAliplayer : undefined}
      license={licenseKey ? { key: licenseKey, domain: licenseDomain ?? '' } : undefined}
    >
      <VodPlayer
        videoId={videoId}
        meta={meta}
        options={vodServer ? { customVodServer: vodServer, customVodServerFirst: true } : undefined}
        autoplay
        muted
      />
    </PlayAuthProvider>
  );
}
