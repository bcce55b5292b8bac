import type { GetVideoPlayAuthResponse } from '@playauth/core';
import {
  type CoalescedPlayAuth,
  createPlayAuthCoalescer,
  type PlayAuthCoalesceOptions,
  type PlayAuthCoalescer,
} from './PlayAuthCoalescer';
import type { VodApiError } from './VodApiError';

/** One request's ask of a {@link PlayAuthStore}. */
export interface PlayAuthStoreRequest {
  /** The validated VideoId. */
  videoId: string;
  /** The validity asked of VOD, seconds (100..3000). */
  authInfoTimeout: number;
  /**
   * Aborts when this request stops waiting (its client went away, or the handler's deadline
   * passed). A store must then stop waiting for it, and abort the VOD call once nobody waits.
   */
  signal: AbortSignal;
  /**
   * Longest a VOD call may be shared, ms from its start (the handler's deadline): an older call
   * is not joined, so a call that never settles stops being shared.
   */
  maxCallMs: number;
  /** Calls VOD (`GetVideoPlayAuth`, with the client's retries); rejects when `signal` aborts. */
  call: (signal: AbortSignal) => Promise<GetVideoPlayAuthResponse>;
}

/**
 * Where `createPlayAuthHandler` shares VOD calls: calls in flight and, for a short window, their
 * answers. Two implementations ship: the in-memory one (one process, the default) and
 * `createRedisPlayAuthStore` from `@playauth/server/redis` (every instance of a fleet). A store
 * must never share a failure and never keep anything but the `GetVideoPlayAuth` answer.
 */
export interface PlayAuthStore {
  /**
   * The PlayAuth for the request: a reusable answer, a call in flight, or a new call made with
   * `request.call`. Resolves with the answer and the whole seconds of validity it has left.
   */
  share(request: PlayAuthStoreRequest): Promise<CoalescedPlayAuth>;
}

/** Options of {@link createMemoryPlayAuthStore}. */
export interface MemoryPlayAuthStoreOptions extends PlayAuthCoalesceOptions {
  /** Clock in epoch ms. Default `Date.now`; tests inject their own. */
  now?: () => number;
}

/**
 * The default store of `createPlayAuthHandler`: shares calls in flight and reuses answers for
 * `reuseMs` within this process only. Several instances each make their own calls; use
 * `createRedisPlayAuthStore` to share across them.
 *
 * @param options - `reuseMs` (default min(10 s, 10% of the validity)), `maxEntries` (default 1000).
 * @throws {@link VodApiError} `InvalidConfiguration` for a malformed option.
 * @example
 * ```ts
 * createPlayAuthHandler({ client, authorize, store: createMemoryPlayAuthStore({ reuseMs: 5000 }) });
 * ```
 */
export function createMemoryPlayAuthStore(options: MemoryPlayAuthStoreOptions = {}): PlayAuthStore {
  const { now, reuseMs, maxEntries } = options;
  return memoryStore(createPlayAuthCoalescer({ reuseMs, maxEntries }, now) as PlayAuthCoalescer);
}

/** A store over an existing coalescer (the handler builds one from its `coalesce` option). */
export function memoryStore(coalescer: PlayAuthCoalescer): PlayAuthStore {
  return {
    share: ({ videoId, authInfoTimeout, signal, maxCallMs, call }) =>
      coalescer.get(videoId, authInfoTimeout, call, { signal, maxCallMs }),
  };
}
