import type { PlayAuthCredential } from './PlayAuthCredential';

/** Smallest default refresh margin: a credential is renewed at least 10 s before it expires. */
export const DEFAULT_REFRESH_MARGIN_MS = 10_000;

/**
 * How long before `expiresAt` a credential is renewed: milliseconds, or a function of the
 * validity (`expiresAt - issuedAt`, ms) returning milliseconds.
 */
export type RefreshMargin = number | ((validityMs: number) => number);

type Lifetime = Pick<PlayAuthCredential, 'issuedAt' | 'expiresAt'>;

/**
 * The refresh margin for `credential`, in milliseconds.
 *
 * Default: the larger of {@link DEFAULT_REFRESH_MARGIN_MS} (10 s) and 10% of the validity.
 * A negative or `NaN` margin falls back to the default. Whatever is asked, the margin never
 * exceeds half of the validity: a fresh credential is then always fresh for a while, so a
 * refresh can never trigger the next one at once and loop.
 *
 * @example
 * ```ts
 * refreshMarginMs({ issuedAt: 0, expiresAt: 3_000_000 }); // 300_000 (10% of 3000 s)
 * refreshMarginMs({ issuedAt: 0, expiresAt: 100_000 }, 60_000); // 50_000 (capped at half)
 * ```
 */
export function refreshMarginMs(credential: Lifetime, margin?: RefreshMargin): number {
  const validity = Math.max(0, credential.expiresAt - credential.issuedAt);
  const asked = typeof margin === 'function' ? margin(validity) : margin;
  // `undefined >= 0` and `NaN >= 0` are false: both take the default.
  const ms =
    (asked as number) >= 0 ? (asked as number) : Math.max(DEFAULT_REFRESH_MARGIN_MS, validity / 10);
  return Math.min(ms, validity / 2);
}

/**
 * Epoch ms at which `credential` should be renewed: `expiresAt - refreshMarginMs(...)`.
 *
 * @example
 * ```ts
 * setTimeout(renew, refreshAt(credential) - Date.now());
 * ```
 */
export function refreshAt(credential: Lifetime, margin?: RefreshMargin): number {
  return credential.expiresAt - refreshMarginMs(credential, margin);
}

/** Whether `credential` has expired at `now` (epoch ms, default `Date.now()`); never hand it to a player then. */
export function isExpired(
  credential: Pick<PlayAuthCredential, 'expiresAt'>,
  now = Date.now(),
): boolean {
  return now >= credential.expiresAt;
}

/**
 * Whether `credential` is still before its refresh point at `now` (epoch ms, default
 * `Date.now()`): usable without renewing first.
 */
export function isFresh(credential: Lifetime, now = Date.now(), margin?: RefreshMargin): boolean {
  return now < refreshAt(credential, margin);
}
