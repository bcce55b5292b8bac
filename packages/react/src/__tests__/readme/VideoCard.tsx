import { usePlayAuth } from '@playauth/react';

interface VideoCardProps {
  videoId: string;
  /** Your player: starts playback with a PlayAuth. */
  play: (playAuth: string) => void;
}

export function VideoCard({ videoId, play }: VideoCardProps) {
  const { data, error, isPending, getFresh } = usePlayAuth(videoId, { authInfoTimeout: 600 });
  if (isPending) return <p>Loading…</p>;
  if (error) return <p role="alert">{`${error.code}: ${error.message}`}</p>;
  // data: { videoId, playAuth, requestId, videoMeta: { title, duration, coverUrl?, status }, issuedAt, expiresAt }
  const { title, coverUrl } = data.videoMeta;
  return (
    <figure>
      {coverUrl && <img src={coverUrl} alt={title} />}
      <figcaption>
        {title}, valid until {new Date(data.expiresAt).toLocaleTimeString()}
      </figcaption>
      {/* getFresh(): the cached credential while fresh, else a new one: right before handing it over */}
      <button type="button" onClick={async () => play((await getFresh()).playAuth)}>
        Play
      </button>
    </figure>
  );
}
