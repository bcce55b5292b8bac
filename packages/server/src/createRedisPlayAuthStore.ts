import type { GetVideoPlayAuthResponse } from '@playauth/core';
import type { Redis } from 'ioredis';
import {
  createPlayAuthCoalescer,
  type PlayAuthCoalescer,
  type PlayAuthMint,
  reusableSecondsLeft,
} from './PlayAuthCoalescer';
import type { PlayAuthStore } from './PlayAuthStore';
import { oneLine } from './scrubSecrets';
import { sleep } from './untilAborted';
import { VodApiError } from './VodApiError';
import { withDeadline } from './withDeadline';

/** Options of {@link createRedisPlayAuthStore}. */
export interface RedisPlayAuthStoreOptions {
  /**
   * An ioredis client (`new Redis(url)`). Recommended: `{ enableOfflineQueue: false,
   * maxRetriesPerRequest: 1 }`, so commands fail at once while Redis is away instead of queueing.
   */
  redis: Redis;
  /** Namespace of every key. Default `'playauth:'`. */
  prefix?: string;
  /**
   * How long after a VOD call was sent its answer is handed to other requests, on any instance,
   * ms. Default min(10 s, 10% of the validity), as in memory. `0` shares only calls in flight.
   */
  reuseMs?: number;
  /**
   * Lock lifetime, ms: if the instance calling VOD dies, the others take over after this long.
   * Default `5000`.
   */
  lockMs?: number;
  /**
   * Longest a request waits for another instance's call before calling VOD itself, ms.
   * Default `lockMs` plus 1 s.
   */
  waitMs?: number;
  /** How often a waiting instance looks for the answer, ms. Default `20`. */
  pollMs?: number;
  /** A Redis command slower than this counts as Redis being down, ms. Default `500`. */
  commandTimeoutMs?: number;
  /** After a Redis failure, how long to call VOD directly before trying Redis again, ms. Default `1000`. */
  retryMs?: number;
  /** Where the one line per outage and per recovery goes. Default `console.warn`. */
  log?: (message: string) => void;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** What is kept under an answer key: the PlayAuth answer, never a credential of ours. */
interface StoredAnswer extends PlayAuthMint {
  validity: number;
  /** The lock token of the call that minted it, so its waiters recognise it. */
  token: string;
}

class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
/** Answers stay this long at least, so waiters find them even with `reuseMs: 0`. */
const HANDOVER_MS = 2000;

function positive(name: string, value: number | undefined, zeroOk = false): void {
  if (value === undefined) return;
  if (!(Number.isFinite(value) && (zeroOk ? value >= 0 : value > 0))) {
    throw new VodApiError(
      'InvalidConfiguration',
      `createRedisPlayAuthStore: ${name} must be a number of milliseconds ${zeroOk ? '>= 0' : '> 0'}`,
    );
  }
}

function pick(body: GetVideoPlayAuthResponse): GetVideoPlayAuthResponse {
  const { RequestId, VideoMeta, PlayAuth } = body;
  return { RequestId, VideoMeta, PlayAuth };
}

function parse(raw: string | null | undefined): StoredAnswer | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as StoredAnswer;
    return typeof value?.body?.PlayAuth === 'string' && typeof value.issuedAt === 'number'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A {@link PlayAuthStore} shared by every instance of a fleet through Redis: one instance calls
 * VOD for a `(VideoId, AuthInfoTimeout)`, the others wait for its answer, and for the reuse
 * window every instance hands that answer out (with the validity left).
 *
 * - Single flight across instances: a lock (`SET NX PX lockMs`) names the caller; the others
 *   poll for its answer, at most `waitMs`. If the caller dies its lock expires and one of them
 *   takes over. A failure releases the lock and is never stored: the next one calls VOD anew.
 * - Within an instance, requests share one Redis round trip (the in-memory store sits in front).
 * - Keys are namespaced by `prefix` and expire with the reuse window; values hold only the
 *   `GetVideoPlayAuth` answer (`RequestId`, `VideoMeta`, `PlayAuth`), never an AccessKey.
 * - Faults: Redis down at start or mid-run, slower than `commandTimeoutMs`, or flushed: the
 *   handler keeps answering by calling VOD from each instance (sharing within it), logs one
 *   line, and goes back to Redis when it answers again (one more line).
 *
 * @param options - The ioredis client and tuning; see {@link RedisPlayAuthStoreOptions}.
 * @throws {@link VodApiError} `InvalidConfiguration` for a missing client or bad durations.
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisPlayAuthStore } from '@playauth/server/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * export const GET = createPlayAuthHandler({ client, authorize, store: createRedisPlayAuthStore({ redis }) });
 * ```
 */
export function createRedisPlayAuthStore(options: RedisPlayAuthStoreOptions): PlayAuthStore {
  const { redis, prefix = 'playauth:', log = (m: string) => console.warn(m) } = options ?? {};
  if (typeof redis?.set !== 'function') {
    throw new VodApiError(
      'InvalidConfiguration',
      'createRedisPlayAuthStore: `redis` must be an ioredis client: createRedisPlayAuthStore({ redis: new Redis(url) })',
    );
  }
  positive('reuseMs', options.reuseMs, true);
  for (const name of ['lockMs', 'waitMs', 'pollMs', 'commandTimeoutMs', 'retryMs'] as const) {
    positive(name, options[name]);
  }
  const now = options.now ?? Date.now;
  const lockMs = options.lockMs ?? 5000;
  const waitMs = options.waitMs ?? lockMs + 1000;
  const pollMs = options.pollMs ?? 20;
  const commandTimeoutMs = options.commandTimeoutMs ?? 500;
  const retryMs = options.retryMs ?? 1000;
  const local = createPlayAuthCoalescer({ reuseMs: options.reuseMs }, now) as PlayAuthCoalescer;

  let healthy = true;
  let skipUntil = 0;

  function fault(error: unknown): void {
    skipUntil = now() + retryMs;
    if (!healthy) return;
    healthy = false;
    const reason = error instanceof Error ? error.message : String(error);
    log(
      oneLine(
        `[playauth] Redis store unavailable (${reason.slice(0, 120)}): each instance calls VOD itself until Redis answers again`,
      ),
    );
  }

  function recovered(): void {
    if (healthy) return;
    healthy = true;
    log('[playauth] Redis store is back: VOD calls are shared across instances again');
  }

  function usable(): boolean {
    if (now() < skipUntil) return false;
    const status = (redis as { status?: string }).status;
    if (status !== undefined && status !== 'ready') {
      fault(new RedisUnavailable(`connection ${status}`));
      return false;
    }
    return true;
  }

  /** One Redis command, bounded by `commandTimeoutMs`. */
  const command = <T>(run: () => Promise<T>): Promise<T> =>
    withDeadline(
      run(),
      commandTimeoutMs,
      () => new RedisUnavailable(`no answer within ${commandTimeoutMs} ms`),
    );

  const windowMs = (validity: number) => local.windowMs(validity);
  const reusable = (answer: StoredAnswer, validity: number) =>
    reusableSecondsLeft(answer.issuedAt, validity, windowMs(validity), now()) !== undefined;

  /**
   * Through Redis: an answer (reused, or another instance's), a lock token (this instance calls
   * VOD), or `undefined` (call VOD without the lock: waited too long).
   */
  async function viaRedis(
    answerKey: string,
    lockKey: string,
    validity: number,
    signal: AbortSignal,
  ): Promise<StoredAnswer | { token: string } | undefined> {
    const giveUpAt = now() + waitMs;
    for (;;) {
      const found = parse(await command(() => redis.get(answerKey)));
      if (found && reusable(found, validity)) return found;
      const token = crypto.randomUUID();
      const locked = await command(() => redis.set(lockKey, token, 'PX', lockMs, 'NX'));
      if (locked === 'OK') return { token };
      const holder = await command(() => redis.get(lockKey));
      if (holder === null) continue; // Released between the two commands: try again.
      for (;;) {
        if (now() >= giveUpAt) return undefined;
        await sleep(pollMs, signal);
        const [answerRaw, lock] = await command(() => redis.mget(answerKey, lockKey));
        const answer = parse(answerRaw);
        if (answer && (answer.token === holder || reusable(answer, validity))) return answer;
        // The holder failed (released), died (expired) or Redis was flushed: try to take over.
        if (lock !== holder) break;
      }
    }
  }

  async function mint(
    videoId: string,
    validity: number,
    signal: AbortSignal,
    call: (signal: AbortSignal) => Promise<GetVideoPlayAuthResponse>,
  ): Promise<PlayAuthMint> {
    const here = async () => {
      const issuedAt = now();
      return { body: await call(signal), issuedAt };
    };
    if (!usable()) return here();
    const key = `${prefix}${videoId}:${validity}`;
    const answerKey = `${key}:answer`;
    const lockKey = `${key}:lock`;
    let got: StoredAnswer | { token: string } | undefined;
    try {
      got = await viaRedis(answerKey, lockKey, validity, signal);
      recovered();
    } catch (error) {
      if (signal.aborted) throw error;
      fault(error);
      return here();
    }
    if (got && 'body' in got) return { body: got.body, issuedAt: got.issuedAt };
    const token = got?.token;
    let minted: PlayAuthMint;
    try {
      minted = await here();
    } catch (error) {
      // Never shared: release the lock so a waiter calls VOD itself at once.
      if (token) void command(() => redis.eval(RELEASE, 1, lockKey, token)).catch(fault);
      throw error;
    }
    if (token) {
      const stored: StoredAnswer = {
        body: pick(minted.body),
        issuedAt: minted.issuedAt,
        validity,
        token,
      };
      const ttl = Math.max(HANDOVER_MS, Math.ceil(windowMs(validity)));
      void command(async () => {
        await redis.set(answerKey, JSON.stringify(stored), 'PX', ttl);
        await redis.eval(RELEASE, 1, lockKey, token);
      }).catch(fault);
    }
    return minted;
  }

  return {
    share: ({ videoId, authInfoTimeout, signal, maxCallMs, call }) =>
      local.share(
        videoId,
        authInfoTimeout,
        (callSignal) => mint(videoId, authInfoTimeout, callSignal, call),
        { signal, maxCallMs },
      ),
  };
}
