import Link from 'next/link';
import { connection } from 'next/server';
import { emulatorUrl, usesEmulator, videoMeta } from '../../../lib/vod';
import { Player } from './Player';

/**
 * A video's page. The server renders the player's cover, title and duration from GetVideoInfo
 * (`meta`); the browser fetches the PlayAuth from /api/play-auth after hydration, so none is in
 * the HTML or the RSC payload. An unknown id still renders: the player shows its not-found alert.
 */
export default async function VideoPage({ params }: PageProps<'/videos/[videoId]'>) {
  await connection(); // per request: metadata and player settings come from the environment
  const { videoId } = await params;
  const meta = await videoMeta(videoId);
  return (
    <>
      <p>
        <Link href="/">All videos</Link>
      </p>
      <Player
        videoId={videoId}
        meta={meta}
        fakePlayer={process.env.PLAYAUTH_FAKE_PLAYER === '1'}
        vodServer={usesEmulator() ? emulatorUrl() : undefined}
        licenseKey={process.env.ALIPLAYER_LICENSE_KEY}
        licenseDomain={process.env.ALIPLAYER_LICENSE_DOMAIN}
      />
    </>
  );
}
