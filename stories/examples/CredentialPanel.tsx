import { usePlayAuth } from '@playauth/react';
import { useEffect, useRef, useState } from 'react';

export interface CredentialPanelProps {
  videoId: string;
  /** Validity asked from the backend, seconds (100..3000). */
  authInfoTimeout?: number;
}

const clock = (ms: number | undefined) =>
  ms === undefined ? '—' : new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
const seconds = (ms: number | undefined, now: number) =>
  ms === undefined ? '—' : `${Math.max(0, Math.round((ms - now) / 1000))} s`;

/**
 * What `usePlayAuth` keeps for one video: when the current PlayAuth was issued and expires, when it
 * is refreshed, and how many times it has been. Built on the hook alone.
 *
 * @example
 * <CredentialPanel videoId="3f8a…" authInfoTimeout={100} />
 */
export function CredentialPanel({ videoId, authInfoTimeout = 100 }: CredentialPanelProps) {
  const query = usePlayAuth(videoId, { authInfoTimeout });
  const { data, expiresAt, refreshAt } = query;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  // Every successful fetch after the first one is a refresh. (A backend may hand the same answer
  // to requests within a few seconds, with the validity left: same RequestId, earlier expiry.)
  const seen = useRef(new Set<number>());
  if (data) seen.current.add(query.dataUpdatedAt);
  const refreshes = Math.max(0, seen.current.size - 1);

  return (
    <section aria-labelledby="credential-panel-title" style={{ fontSize: 14 }}>
      <h3 id="credential-panel-title" style={{ margin: '0 0 8px' }}>
        Credential for {data?.videoMeta.title ?? videoId}
      </h3>
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          gap: '4px 16px',
          margin: 0,
        }}
      >
        <dt>Status</dt>
        <dd data-testid="credential-status">{query.isFetching ? 'fetching…' : query.status}</dd>
        <dt>Validity</dt>
        <dd>{authInfoTimeout} s</dd>
        <dt>Issued at</dt>
        <dd data-testid="issued-at">{clock(data?.issuedAt)}</dd>
        <dt>Expires at</dt>
        <dd data-testid="expires-at">{clock(expiresAt)}</dd>
        <dt>Expires in</dt>
        <dd data-testid="expires-in">{seconds(expiresAt, now)}</dd>
        <dt>Next refresh in</dt>
        <dd data-testid="refresh-in">{seconds(refreshAt, now)}</dd>
        <dt>Refreshes</dt>
        <dd data-testid="refresh-count">{refreshes}</dd>
        <dt>RequestId</dt>
        <dd style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {data?.requestId ?? '—'}
        </dd>
      </dl>
      <button type="button" onClick={() => void query.refetch()} style={{ marginTop: 8 }}>
        Refresh now
      </button>
    </section>
  );
}
