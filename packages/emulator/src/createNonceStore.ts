import type { Clock } from './clock';

/** Remembers signature nonces for a time window, per AccessKeyId. */
export interface NonceStore {
  /** Records a nonce; `false` when the same key already used it within the window. */
  use(accessKeyId: string, nonce: string): boolean;
}

const MAX_NONCES = 200_000;

/**
 * Creates a nonce store on the emulator's clock (15 minutes by default, the window in which the
 * gateway accepts a timestamp, so a replay inside it is always caught).
 */
export function createNonceStore(clock: Clock, windowMs = 15 * 60 * 1000): NonceStore {
  const seen = new Map<string, number>();
  return {
    use(accessKeyId, nonce) {
      const now = clock.now();
      for (const [key, at] of seen) {
        if (now - at > windowMs || seen.size > MAX_NONCES) seen.delete(key);
        else break; // insertion order is arrival order
      }
      const key = `${accessKeyId}\n${nonce}`;
      const at = seen.get(key);
      if (at !== undefined && Math.abs(now - at) <= windowMs) return false;
      seen.delete(key);
      seen.set(key, now);
      return true;
    },
  };
}
