import type { VideoStatus } from '@playauth/core';

/** A video known to the test handlers. */
export interface FakeVideo {
  title: string;
  /** Seconds. */
  duration: number;
  coverUrl?: string;
  /** Default `'Normal'`. VOD plays only `Normal`: any other makes the handlers answer 403. */
  status?: VideoStatus;
  /** Play URL GetPlayInfo hands out. Default `https://media.playauth.invalid/<videoId>.mp4`. */
  playUrl?: string;
  /** Stream format. Default from the play URL's extension (`m3u8` or `mp4`). */
  format?: string;
  /**
   * Definitions offered, each a stream of `playUrl` (with `#<definition>` appended when there are
   * several, so the URLs differ). Default `['OD']`.
   */
  definitions?: string[];
  /**
   * `'HLSEncryption'`: the stream is reported encrypted (`Encrypt: 1`, `EncryptType`), as the
   * emulator's encrypted video is. Default: clear.
   */
  encryptType?: 'HLSEncryption' | 'AliyunVoDEncryption';
}

/** Videos by id, or a list of videos with their `videoId`. */
export type FakeVideoCatalog =
  | Record<string, FakeVideo>
  | ReadonlyArray<FakeVideo & { videoId: string }>;

/**
 * Looks a video up. Without a catalog every id exists (title `Video <id>`, 60 s), so simple
 * tests need no setup; with one, unknown ids are `undefined` (not found).
 */
export function findVideo(
  catalog: FakeVideoCatalog | undefined,
  videoId: string,
): FakeVideo | undefined {
  if (catalog === undefined) return { title: `Video ${videoId}`, duration: 60 };
  if (Array.isArray(catalog)) return catalog.find((video) => video.videoId === videoId);
  return Object.hasOwn(catalog, videoId)
    ? (catalog as Record<string, FakeVideo>)[videoId]
    : undefined;
}
