import type { AliplayerErrorData, AliplayerLicense } from './Aliplayer';
import { errorReference } from './errorReference';
import { isPlayAuthError, PlayAuthError, type PlayAuthErrorOptions } from './PlayAuthError';

/**
 * What a {@link PlayerError} is about, for choosing the UI:
 * - `license`: Aliplayer licence missing or wrong (codes 4035-4041): a configuration fix.
 * - `credential`: PlayAuth expired, rejected or undecodable (4002, 4012, 4024): renew it.
 * - `notFound`: video not found or VOD server error (4500).
 * - `network`: the network failed (4016).
 * - `media`: the play URL was refused or the media cannot be played (4400, 4025, others).
 * - `sdk`: the SDK failed to load or the player could not be created.
 * - `renewalLimit`: automatic renewal gave up (two triggers too close together): offer a retry.
 * - `key`: the decryption service refused the key of an encrypted HLS video (missing, expired or
 *   refused `MtsHlsUriToken`): retry with a fresh credential and token (`renew()`).
 * - `unknown`: anything else.
 */
export type PlayerErrorKind =
  | 'license'
  | 'credential'
  | 'notFound'
  | 'network'
  | 'media'
  | 'sdk'
  | 'renewalLimit'
  | 'key'
  | 'unknown';

/**
 * Codes of a {@link PlayerError}: `Player.<error_code>` for SDK errors, `SdkLoadFailed` and
 * `SdkUnavailable` from the loader, `PlayerCreateFailed` when the constructor threw,
 * `PlayerFailed` for any other unexpected failure,
 * `RenewalLimit` when automatic renewal gave up, `KeyRefused` when the HLS decryption key could
 * not be loaded (the SDK reports it as 4025 or 4009 with `error_msg` `keyLoadError`).
 */
export type PlayerErrorCode =
  | `Player.${number}`
  | 'SdkLoadFailed'
  | 'SdkUnavailable'
  | 'PlayerCreateFailed'
  | 'PlayerFailed'
  | 'RenewalLimit'
  | 'KeyRefused';

/** Construction options of {@link PlayerError}. */
export interface PlayerErrorOptions extends PlayAuthErrorOptions {
  kind: PlayerErrorKind;
  /** The SDK's numeric `error_code`, for SDK errors. */
  playerCode?: number;
}

/**
 * An error of the player: the SDK's error event, the SDK loader, or the controller. A
 * {@link PlayAuthError} (same `code` / `retryable` / `requestId` contract) with a `kind` for the UI.
 *
 * @example
 * ```ts
 * if (isPlayerError(error) && error.kind === 'license') showLicenceHelp(error.message);
 * ```
 */
export class PlayerError extends PlayAuthError {
  // `declare`: assigned in the constructor (field initialisers would only add bytes).
  declare readonly code: PlayerErrorCode;
  declare readonly kind: PlayerErrorKind;
  declare readonly playerCode?: number;

  constructor(code: PlayerErrorCode, message: string, options: PlayerErrorOptions) {
    const { kind, playerCode, ...rest } = options;
    super(code, message, rest);
    this.kind = kind;
    this.playerCode = playerCode;
  }
}

/** Type guard for {@link PlayerError}, also across bundle copies. */
export function isPlayerError(value: unknown): value is PlayerError {
  return (
    value instanceof PlayerError ||
    (isPlayAuthError(value) && typeof (value as { kind?: unknown }).kind === 'string')
  );
}

/** What {@link toPlayerError} may use to make licence messages concrete. */
export interface PlayerErrorContext {
  /** The licence the player was given, if any. */
  license?: AliplayerLicense;
  /** Host name of the page. Default: `location.hostname` in a browser. */
  pageHost?: string;
}

/** SDK codes with their own kind; retrying helps unless they are licence errors or 4012. */
const KNOWN_KINDS: Partial<Record<number, PlayerErrorKind>> = {
  4002: 'credential',
  4012: 'credential',
  4024: 'credential',
  4500: 'notFound',
  4400: 'media',
  4025: 'media',
  4016: 'network',
};

/** What happened and what to do, per SDK code (development messages only). */
const ADVICE: Partial<Record<number, [what: string, todo: string]>> = {
  4002: ['The PlayAuth expired or was rejected', 'renew'],
  4012: ['The PlayAuth could not be decoded', 'pass it unchanged'],
  4024: ['GetPlayInfo refused a reused nonce', 'renew'],
  4500: ['Video not found or VOD server error', 'check the VideoId and region'],
  4400: ['The play URL was refused', 'renew and retry'],
  4025: ['The play URL was refused', 'renew and retry'],
  4016: ['The network failed', 'retry when online'],
};

function licenseMessage(code: number, detail: string, context: PlayerErrorContext): string {
  const host = context.pageHost ?? globalThis.location?.hostname ?? '';
  const domain = host || 'your-domain.example';
  const given = context.license;
  const head = `Aliplayer licence error ${code}${detail ? ` (${detail})` : ''}: `;
  if (!given) {
    return `${head}set license: { domain: '${domain}', key } (free in the VOD console; file: pages need none).`;
  }
  if (host && !host.endsWith(given.domain)) {
    return `${head}licence for '${given.domain}', not '${host}': use one for '${host}' or a parent domain.`;
  }
  return `${head}licence for '${given.domain}' refused: check license.key and its expiry.`;
}

/** The development message of an SDK error (see {@link toPlayerError}). */
function adviceMessage(
  errorData: AliplayerErrorData,
  playerCode: number,
  kind: PlayerErrorKind,
  detail: string,
  context: PlayerErrorContext,
): string {
  if (kind === 'license') return licenseMessage(playerCode, detail, context);
  const [what, todo] =
    kind === 'key'
      ? ['Decryption key refused', 'retry with a new token']
      : (ADVICE[playerCode] ?? ['The player failed', 'retry, else check the transcoding']);
  return `${what} (error ${errorData.error_code}${detail ? `: ${detail}` : ''}): ${todo}.`;
}

/**
 * Turns the payload of Aliplayer's `error` event into a {@link PlayerError} with an actionable
 * message (in production: the code, the SDK's detail and a docs link, see
 * {@link errorReference}). `kind` follows the code (see {@link PlayerErrorKind}); `retryable` is
 * true unless a retry cannot help (licence, undecodable PlayAuth).
 *
 * @example
 * ```ts
 * player.on('error', (e) => show(toPlayerError(e.paramData, { license }).message));
 * ```
 */
export function toPlayerError(
  errorData: AliplayerErrorData,
  context: PlayerErrorContext = {},
): PlayerError {
  // Some SDK paths report the code as a numeric string.
  const playerCode = Number(errorData.error_code);
  const detail = String(errorData.error_msg ?? errorData.display_msg ?? '').trim();
  const code: PlayerErrorCode = detail.startsWith('keyLoad')
    ? 'KeyRefused'
    : `Player.${Number.isFinite(playerCode) ? playerCode : 0}`;
  // hls.js' `keyLoadError` / `keyLoadTimeOut`: the decryption service refused the key (403 -> 4025, else 4009).
  const kind: PlayerErrorKind =
    playerCode >= 4035 && playerCode <= 4041
      ? 'license'
      : code === 'KeyRefused'
        ? 'key'
        : (KNOWN_KINDS[playerCode] ??
          (Number.isFinite(playerCode) && playerCode > 0 ? 'media' : 'unknown'));
  return new PlayerError(
    code,
    (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
      ? adviceMessage(errorData, playerCode, kind, detail, context)
      : errorReference(code, detail),
    {
      kind,
      retryable: kind === 'key' || (kind !== 'license' && playerCode !== 4012),
      playerCode,
      requestId: errorData.requestId,
      cause: errorData,
    },
  );
}
