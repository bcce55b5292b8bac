import {
  type CredentialRequestReason,
  errorReference,
  type PlayAuthCredential,
  PlayAuthError,
  type PlayerController,
  type PlayerSnapshot,
  type VideoMeta,
} from '@playauth/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { type PlayAuthOptions, playAuthQueryOptions } from './playAuthQueryOptions';
import { type UsePlayAuthResult, usePlayAuth } from './usePlayAuth';

/** Options of {@link usePlayerCredential}: the credential options (unset ones: the provider's). */
export interface UsePlayerCredentialOptions extends PlayAuthOptions {
  /** Fetch and hand credentials to the player only while `true`. */
  enabled: boolean;
  /** Called after each renewal on the running player, with the credential it got. */
  onRenewed?: (credential: PlayAuthCredential) => void;
}

/** What {@link usePlayerCredential} returns. */
export interface UsePlayerCredentialResult {
  /** The credential query of `videoId`. */
  query: UsePlayAuthResult;
  /** `query.data` if it is for `videoId` (never the previous video's). */
  credential: PlayAuthCredential | undefined;
  /**
   * The metadata of the cached credential of `videoId`, also once that credential expired: the
   * server rendered it, so the first client render shows it too (no hydration mismatch when a
   * dehydrated credential expired before hydration), and the title does not go at expiry.
   */
  meta: VideoMeta | undefined;
}

interface Source {
  videoId: string;
  last?: PlayAuthCredential;
}

/**
 * The credential lifetime of one player (design.md): `usePlayAuth` refreshes proactively only
 * until the player has loaded its source; after that the controller takes a fresh credential
 * when it needs one (`getCredential` -> `getFresh`: the cached one if still fresh). The first
 * credential loads the player, one for another `videoId` switches it (no re-creation), and a
 * credential is only ever handed out for the video shown.
 *
 * @example
 * ```ts
 * const { credential, query } = usePlayerCredential(controller, snapshot, videoId, { enabled });
 * ```
 */
export function usePlayerCredential(
  controller: PlayerController,
  snapshot: PlayerSnapshot,
  videoId: string,
  { enabled, onRenewed, ...options }: UsePlayerCredentialOptions,
): UsePlayerCredentialResult {
  const query = usePlayAuth(videoId, {
    ...options,
    enabled,
    refresh: snapshot.sourceLoaded ? 'off' : 'auto',
  });
  const credential = query.data?.videoId === videoId ? query.data : undefined;
  // `data` goes away at expiry (refresh stops once the source is loaded); the cache keeps it,
  // and the metadata does not expire. The query re-renders this hook when the entry changes.
  const meta = useQueryClient(options.queryClient).getQueryData(
    playAuthQueryOptions(videoId, options).queryKey,
  )?.videoMeta;

  // The controller calls back long after this render: read the latest hook through a ref.
  const source = useRef<Source>({ videoId });
  useEffect(() => {
    source.current = { ...source.current, videoId };
  });
  // query.getFresh and query.refetch are stable (they act on the current videoId's query).
  const { getFresh, refetch } = query;
  const [getCredential] = useState(() => async (id: string, reason: CredentialRequestReason) => {
    const shown = source.current.videoId;
    // After a refused decryption key only a new credential (and token) helps, never the cache.
    const fresh =
      id !== shown
        ? undefined
        : reason === 'key'
          ? (await refetch({ throwOnError: true })).data
          : await getFresh();
    if (!fresh || fresh.videoId !== source.current.videoId) {
      throw new PlayAuthError(
        'VideoIdMismatch',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? `No credential for ${id}: ${shown} is shown now.`
          : errorReference('VideoIdMismatch'),
      );
    }
    source.current.last = fresh;
    return fresh;
  });
  useEffect(() => controller.update({ getCredential }), [controller, getCredential]);

  const renewals = snapshot.renewals;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per renewal, not per callback
  useEffect(() => {
    const { last } = source.current;
    if (renewals && last) onRenewed?.(last);
  }, [renewals]);

  // The old video stops as soon as another is asked for, before its credential (or error) is here.
  useEffect(() => {
    if (enabled) controller.prepare(videoId);
  }, [controller, enabled, videoId]);
  useEffect(() => {
    if (!enabled || !credential) return;
    const shown = controller.getSnapshot().videoId;
    if (shown && shown !== credential.videoId) void controller.switch(credential);
    else controller.load(credential);
  }, [controller, enabled, credential]);

  return { query, credential, meta };
}
