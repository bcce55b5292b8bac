import { toVideoMeta, type VideoMeta } from '@playauth/react/server';
import { createVodClient, fromEnv, isVodApiError, type VodClient } from '@playauth/server';

/** What `npx playauth-emulator` prints: its URL and its public development key pair. */
const EMULATOR = {
  endpoint: 'http://127.0.0.1:9000',
  accessKeyId: 'PlayauthEmulatorDevKeyId',
  accessKeySecret: 'PlayauthEmulatorDevSecretNotForProduction',
};

/** True when no AccessKey is configured: the app talks to the local VOD emulator. */
export function usesEmulator(): boolean {
  return !process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
}

/** The emulator's URL: `PLAYAUTH_EMULATOR_URL`, default `http://127.0.0.1:9000`. */
export function emulatorUrl(): string {
  return process.env.PLAYAUTH_EMULATOR_URL || EMULATOR.endpoint;
}

let client: VodClient | undefined;

/**
 * The VOD client of the server: real ApsaraVideo VOD when `ALIBABA_CLOUD_ACCESS_KEY_ID` is set
 * (with `_SECRET`, optional `_SECURITY_TOKEN` and `VOD_REGION`, see `fromEnv`), else the emulator.
 * The RAM user needs `vod:GetVideoPlayAuth` and, for the metadata, `vod:GetVideoInfo`.
 */
export function vodClient(): VodClient {
  client ??= createVodClient(usesEmulator() ? { ...EMULATOR, endpoint: emulatorUrl() } : fromEnv());
  return client;
}

/**
 * Cover, title, duration and status of a video from VOD's GetVideoInfo: no PlayAuth is minted,
 * so the result is safe to render into HTML. `undefined` when VOD does not know the video.
 */
export async function videoMeta(videoId: string): Promise<VideoMeta | undefined> {
  try {
    return toVideoMeta(await vodClient().getVideoInfo({ videoId }));
  } catch (error) {
    if (isVodApiError(error) && error.kind === 'notFound') return undefined;
    throw error;
  }
}
