import type { Clock } from './clock';

/** What {@link NonceStore.use} found: a new nonce, a replay, or a key over its nonce cap. */
export type NonceVerdict = 'fresh' | 'used' | 'full';

/** Remembers signature nonces per AccessKeyId. */
export interface NonceStore {
  /**
   * Records a nonce of `accessKeyId`, remembered until `keepUntil` (epoch ms; default now + the
   * window). `'used'` when the key already used it and it is still remembered, `'full'` when the
   * key already holds its cap of live nonces (the nonce is then not recorded).
   */
  use(accessKeyId: string, nonce: string, keepUntil?: number): NonceVerdict;
}

/** Options of {@link createNonceStore}. */
export interface NonceStoreOptions {
  /** How long a nonce is remembered by default, ms. Default 15 minutes. */
  windowMs?: number;
  /** Live nonces one AccessKey may hold. Default 100 000 (over 100 requests/s for 15 minutes). */
  maxPerKey?: number;
}

/**
 * Creates a nonce store on the emulator's clock. The default window is the 15 minutes in which
 * the gateway accepts a timestamp, so a timestamped replay is always caught; a request without
 * one (GetPlayInfo from the SDK) passes a longer `keepUntil`. Each key has its own cap, so one
 * key flooding the store cannot push out another key's nonces and let them be replayed.
 */
export function createNonceStore(clock: Clock, options: NonceStoreOptions = {}): NonceStore {
  const windowMs = options.windowMs ?? 15 * 60 * 1000;
  const maxPerKey = options.maxPerKey ?? 100_000;
  const byKey = new Map<string, Map<string, number>>();
  let nextSweep = 0;

  const sweep = (now: number) => {
    for (const [key, seen] of byKey) {
      for (const [nonce, until] of seen) if (until < now) seen.delete(nonce);
      if (seen.size === 0) byKey.delete(key);
    }
    nextSweep = now + windowMs / 15;
  };

  return {
    use(accessKeyId, nonce, keepUntil) {
      const now = clock.now();
      if (now >= nextSweep) sweep(now);
      let seen = byKey.get(accessKeyId);
      const until = seen?.get(nonce);
      if (until !== undefined && until >= now) return 'used';
      if (!seen) {
        seen = new Map();
        byKey.set(accessKeyId, seen);
      }
      if (seen.size >= maxPerKey) {
        // Oldest first; stop at the first live one so a full key costs little per request.
        for (const [old, oldUntil] of seen) {
          if (oldUntil >= now) break;
          seen.delete(old);
        }
        if (seen.size >= maxPerKey) return 'full';
      }
      seen.delete(nonce);
      seen.set(nonce, Math.max(keepUntil ?? 0, now + windowMs));
      return 'fresh';
    },
  };
}
