import Link from 'next/link';
import { connection } from 'next/server';
import { VIDEO_IDS } from '../lib/videos';
import { videoMeta } from '../lib/vod';
import { formatDuration } from './formatDuration';

/**
 * The video list, rendered on the server from GetVideoInfo: covers and titles are in the HTML,
 * and no PlayAuth is minted for it.
 */
export default async function VideoList() {
  await connection(); // rendered per request: the metadata comes from VOD at request time
  const videos = await Promise.all(
    VIDEO_IDS.map(async (videoId) => ({ videoId, meta: await videoMeta(videoId) })),
  );
  return (
    <>
      <h1>Videos</h1>
      <ul>
        {videos.map(({ videoId, meta }) => (
          <li key={videoId}>
            <Link href={`/videos/${videoId}`}>
              {/* biome-ignore lint/performance/noImgElement: VOD covers come from its CDN; next/image would re-serve them through this server */}
              {meta?.coverUrl && <img src={meta.coverUrl} alt="" width={160} height={90} />}
              <span>{meta?.title ?? videoId}</span>
            </Link>
            {meta && <span> · {formatDuration(meta.duration)}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
