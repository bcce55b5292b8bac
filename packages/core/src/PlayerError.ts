import type { AliplayerErrorData, AliplayerLicense } from './Aliplayer';
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
  | 'unknown';

/**
 * Codes of a {@link PlayerError}: `Player.<error_code>` for SDK errors, `SdkLoadFailed` and
 * `SdkUnavailable` from the loader, `PlayerCreateFailed` when the constructor threw,
 * `PlayerFailed` for any other unexpected failure,
 * `RenewalLimit` when automatic renewal gave up.
 */
export type PlayerErrorCode =
  | `Player.${number}`
  | 'SdkLoadFailed'
  | 'SdkUnavailable'
  | 'PlayerCreateFailed'
  | 'PlayerFailed'
  | 'RenewalLimit';

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

type KnownCode = [kind: PlayerErrorKind, what?: string, todo?: string, retryable?: boolean];

const refusedUrl: KnownCode = ['media', 'The play URL was refused', 'renew and retry'];

/** SDK codes with their own advice: kind, what happened, what to do, and whether retrying helps (default: yes, no for licence errors). */
const KNOWN_CODES: Partial<Record<number, KnownCode>> = {
  4002: ['credential', 'The PlayAuth expired or was rejected', 'renew'],
  4012: ['credential', 'The PlayAuth could not be decoded', 'pass it unchanged', false],
  4024: ['credential', 'GetPlayInfo refused a reused nonce', 'renew'],
  4500: ['notFound', 'Video not found or VOD server error', 'check the VideoId and region'],
  4400: refusedUrl,
  4025: refusedUrl,
  4016: ['network', 'The network failed', 'retry when online'],
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

/**
 * Turns the payload of Aliplayer's `error` event into a {@link PlayerError} with an actionable
 * message. `kind` follows the code (see {@link PlayerErrorKind}); `retryable` is true unless a
 * retry cannot help (licence, undecodable PlayAuth).
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
  const code: PlayerErrorCode = `Player.${Number.isFinite(playerCode) ? playerCode : 0}`;
  const license = playerCode >= 4035 && playerCode <= 4041;
  const [kind, what, todo, retryable = !license]: KnownCode = license
    ? ['license']
    : (KNOWN_CODES[playerCode] ?? [
        Number.isFinite(playerCode) && playerCode > 0 ? 'media' : 'unknown',
        'The player failed',
        'retry, else check the transcoding',
      ]);
  const message = license
    ? licenseMessage(playerCode, detail, context)
    : `${what} (error ${errorData.error_code}${detail ? `: ${detail}` : ''}): ${todo}.`;
  return new PlayerError(code, message, {
    kind,
    retryable,
    playerCode,
    requestId: errorData.requestId,
    cause: errorData,
  });
}
