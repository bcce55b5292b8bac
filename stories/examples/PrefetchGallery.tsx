import { playAuthQueryOptions, usePlayAuthConfig, VodPlayer } from '@playauth/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

export interface PrefetchGalleryProps {
  /** The videos to offer: id and title (from your own data). */
  items: ReadonlyArray<{ videoId: string; title: string }>;
}

/**
 * A list of videos that fetches a video's credential when the pointer rests on it (or it gets
 * focus), with `playAuthQueryOptions`, so the player starts without waiting once chosen.
 *
 * @example
 * <PrefetchGallery items={[{ videoId: '3f8a…', title: 'Intro' }]} />
 */
export function PrefetchGallery({ items }: PrefetchGalleryProps) {
  const config = usePlayAuthConfig();
  const queryClient = useQueryClient(config.queryClient);
  const [selected, setSelected] = useState<string>();
  const prefetch = (videoId: string) =>
    void queryClient.prefetchQuery(playAuthQueryOptions(videoId, config));

  return (
    <div style={{ display: 'grid', gridTemplateColumns: '220px minmax(0, 1fr)', gap: 16 }}>
      <ul aria-label="Videos" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => (
          <li key={item.videoId} style={{ marginBottom: 8 }}>
            <button
              type="button"
              aria-pressed={item.videoId === selected}
              onPointerEnter={() => prefetch(item.videoId)}
              onFocus={() => prefetch(item.videoId)}
              onClick={() => setSelected(item.videoId)}
              style={{ width: '100%', textAlign: 'left', padding: 8 }}
            >
              {item.title}
              <CacheBadge videoId={item.videoId} />
            </button>
          </li>
        ))}
      </ul>
      {selected ? (
        <VodPlayer key={selected} videoId={selected} autoplay muted />
      ) : (
        <p>Point at a video to fetch its credential, click to play it.</p>
      )}
    </div>
  );
}

/** Shows whether the credential is in the cache, without fetching it. */
function CacheBadge({ videoId }: { videoId: string }) {
  const config = usePlayAuthConfig();
  const cached = useQuery(
    { ...playAuthQueryOptions(videoId, config), enabled: false },
    config.queryClient,
  );
  const when = cached.dataUpdatedAt
    ? new Date(cached.dataUpdatedAt).toLocaleTimeString('en-GB', { hour12: false })
    : undefined;
  return (
    <small
      style={{ display: 'block', color: '#334155' }}
      data-testid={`badge-${videoId}`}
      data-updated={cached.dataUpdatedAt || undefined}
    >
      {cached.isFetching
        ? 'fetching credential…'
        : when
          ? `credential ready (${when})`
          : 'not fetched'}
    </small>
  );
}
