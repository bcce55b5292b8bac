import type { Principal } from './ActionContext';
import type { Clock } from './clock';
import type { NonceStore } from './createNonceStore';
import { EmulatorError } from './EmulatorError';
import type { PlayAuthIssuer } from './playAuthToken';
import { type SignedHttpRequest, verifyAcs3 } from './verifyAcs3';
import { type RpcParams, verifyRpcV2 } from './verifyRpcV2';

/** An account AccessKey pair the emulator accepts. */
export interface EmulatorAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /**
   * Makes it an STS key: requests must then carry this token (`x-acs-security-token` in V3,
   * `SecurityToken` in V2), and requests without it are refused.
   */
  securityToken?: string;
  /** Actions this key may call (a RAM policy in miniature). Default: all. Else `Forbidden.RAM`. */
  actions?: readonly string[];
}

/** Which signature a request carries. */
export type SignatureVersion = 'v3' | 'v2';

/** What {@link authenticateRequest} needs from the emulator. */
export interface AuthenticationContext {
  keys: ReadonlyMap<string, EmulatorAccessKey>;
  issuer: PlayAuthIssuer;
  nonces: NonceStore;
  clock: Clock;
}

/** The gateway's clock-skew tolerance. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** V3 when there is an ACS3 authorization header, V2 when a `Signature` parameter, else none. */
export function detectSignatureVersion(
  headers: SignedHttpRequest['headers'],
  params: RpcParams,
): SignatureVersion | undefined {
  if (headers.authorization !== undefined && params.Signature === undefined) return 'v3';
  if (params.Signature !== undefined) return 'v2';
  return undefined;
}

function checkTimestamp(value: string | undefined, name: string, clock: Clock): void {
  if (value === undefined) throw EmulatorError.missingParameter(name);
  const time = TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new EmulatorError(
      'InvalidTimeStamp.Format',
      400,
      `Specified time stamp "${value.slice(0, 40)}" is not in the format yyyy-MM-ddTHH:mm:ssZ (UTC).`,
    );
  }
  if (Math.abs(clock.now() - time) > MAX_CLOCK_SKEW_MS) {
    throw new EmulatorError(
      'InvalidTimeStamp.Expired',
      400,
      `Specified time stamp or date header is expired: ${value} is more than 15 minutes away from the server time ${new Date(clock.now()).toISOString()}. Sync the clock and sign again.`,
    );
  }
}

/**
 * Authenticates a signed API request the way the gateway does: signature (V3 or V2) against the
 * account keys and the STS keys of issued PlayAuths, security token, timestamp within 15 minutes
 * of the emulator's clock, then the nonce (recorded only once everything else checked out).
 * GetPlayInfo from the Aliplayer SDK carries no `Timestamp`, so V2 requests signed with a
 * PlayAuth's STS key may omit it; their nonce is then remembered until the PlayAuth expires, so a
 * replay is refused for as long as it could succeed. Nonces are capped per AccessKey.
 *
 * @throws {@link EmulatorError} `IncompleteSignature`, `InvalidAccessKeyId.NotFound`,
 * `SignatureDoesNotMatch`, `InvalidSecurityToken.MismatchWithAccessKey`, `MissingParameter`,
 * `InvalidTimeStamp.Format`, `InvalidTimeStamp.Expired`, `SignatureNonceUsed`, `Throttling.User`
 * (429) when the key is over its nonce cap.
 */
export async function authenticateRequest(
  request: SignedHttpRequest,
  params: RpcParams,
  version: SignatureVersion,
  ctx: AuthenticationContext,
): Promise<Principal> {
  const secretFor = (id: string) =>
    ctx.keys.get(id)?.accessKeySecret ?? ctx.issuer.grant(id)?.accessKeySecret;
  const { accessKeyId } =
    version === 'v3'
      ? verifyAcs3(request, secretFor)
      : await verifyRpcV2(request.method, params, secretFor);

  const account = ctx.keys.get(accessKeyId);
  const grant = account ? undefined : ctx.issuer.grant(accessKeyId);
  const principal: Principal = grant
    ? { kind: 'playauth', accessKeyId, grant }
    : { kind: 'account', accessKeyId };

  const expectedToken = account ? account.securityToken : grant?.securityToken;
  const sentToken =
    (version === 'v3' ? request.headers['x-acs-security-token'] : params.SecurityToken) ||
    undefined;
  if (sentToken !== expectedToken) {
    throw new EmulatorError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      expectedToken === undefined
        ? 'A security token was sent with an AccessKey that is not an STS key: remove it.'
        : 'The security token is missing or does not belong to this AccessKeyId.',
    );
  }

  // Without a timestamp the nonce is the only replay guard: keep it while the PlayAuth lives.
  let keepNonceUntil: number | undefined;
  if (version === 'v3') {
    checkTimestamp(request.headers['x-acs-date'], 'x-acs-date', ctx.clock);
  } else if (params.Timestamp !== undefined || principal.kind === 'account') {
    checkTimestamp(params.Timestamp, 'Timestamp', ctx.clock);
  } else if (grant) {
    keepNonceUntil = grant.expiresAt;
  }

  const nonceName = version === 'v3' ? 'x-acs-signature-nonce' : 'SignatureNonce';
  const nonce = version === 'v3' ? request.headers['x-acs-signature-nonce'] : params.SignatureNonce;
  if (!nonce) throw EmulatorError.missingParameter(nonceName);
  const verdict = ctx.nonces.use(accessKeyId, nonce, keepNonceUntil);
  if (verdict === 'used') {
    throw new EmulatorError(
      'SignatureNonceUsed',
      400,
      'Specified signature nonce was used already: sign every request (and every retry) with a new nonce.',
    );
  }
  if (verdict === 'full') {
    throw new EmulatorError(
      'Throttling.User',
      429,
      'Request was denied due to user flow control: this AccessKey signed too many requests in 15 minutes.',
    );
  }
  return principal;
}
