import { answerWithinDeadline } from './answerWithinDeadline';
import { createCors, type PlayAuthCorsOptions } from './createCors';
import type { KmsClient } from './createKmsClient';
import {
  checkHlsUriTokenSecret,
  constantTimeEqual,
  type HlsUriTokenSecret,
  importHlsUriTokenKeys,
} from './hlsUriTokenKeys';
import { isVodErrorCode, isVodRequestId } from './isVodRequestId';
import { HandlerResponse, mapVodError } from './mapVodError';
import { viewerHash } from './mintHlsUriToken';
import { oneLine } from './scrubSecrets';
import { untilAborted } from './untilAborted';
import { isVodApiError, VodApiError } from './VodApiError';
import { verifyHlsUriToken } from './verifyHlsUriToken';

/** What {@link CreateHlsDecryptHandlerOptions.onError} is told besides the error itself. */
export interface HlsDecryptErrorContext {
  request: Request;
  /** The token's video, once the token checked out. */
  videoId?: string;
  /** HTTP status the handler answers with. */
  status: number;
  /** KMS's `Code`, or `InternalError`, `InvalidKey`, `Timeout`. */
  code: string;
  /** KMS `RequestId` of the failed call, when there was one. */
  requestId?: string;
}

/** Options of {@link createHlsDecryptHandler}. */
export interface CreateHlsDecryptHandlerOptions {
  /** The KMS client, from `createKmsClient` (RAM: `kms:Decrypt` on the VOD service key only). */
  kms: Pick<KmsClient, 'decrypt'> & Partial<Pick<KmsClient, 'budgetMs'>>;
  /** The token secret(s), the same as `createPlayAuthHandler`'s `hlsEncryption.secret`. */
  secret: HlsUriTokenSecret;
  /**
   * Required. Whether this request may have the key of `videoId` (the video the token was
   * minted for), decided after the token checked out and before KMS is called: check the
   * session again here. Anything but `true` answers 403 `Forbidden.NotAuthorized`. To trust the
   * token alone, say so: `authorize: () => true`.
   */
  authorize: (
    request: Request,
    grant: { videoId: string; viewer?: string },
  ) => boolean | Promise<boolean>;
  /**
   * The viewer of this request, computed as the token service's `hlsEncryption.viewer` did
   * (e.g. the user id of the session cookie). Required to accept tokens bound to a viewer: a
   * token minted for another viewer, or a request without one, gets 403 `InvalidToken.Viewer`.
   */
  viewer?: (request: Request) => string | undefined | Promise<string | undefined>;
  /**
   * The video an enveloped data key (the `Ciphertext` of the key URI) belongs to, if you know
   * it (you do when you called `GenerateKMSDataKey` for `SubmitTranscodeJobs` yourself and kept
   * the `CiphertextBlob` with the video). With it, a token for video A never opens the key of
   * video B (403 `Forbidden.WrongVideo`, KMS not called), and unknown keys are refused. Without
   * it the token's video is what `authorize` judges, and any key the viewer presents with a
   * valid token is opened. Default: not checked.
   */
  keyOwner?: (ciphertext: string) => string | undefined | Promise<string | undefined>;
  /**
   * How many key requests one token may make, counted in this process until it expires: the
   * player's first load, a definition switch and a retry fit in the default 3; more answers
   * 403 `InvalidToken.Replayed`. `Infinity` turns the count off. Across several instances each
   * counts its own (the token's expiry bounds the rest).
   */
  maxUses?: number;
  /**
   * Keys opened by KMS are kept in memory (never logged), so repeated requests for a video do
   * not each call KMS. Default `{ maxEntries: 100, ttlMs: 600_000 }`; `false` calls KMS every time.
   */
  cache?: { maxEntries?: number; ttlMs?: number } | false;
  /** Longest time to answer, ms, whatever hangs. Default: the KMS client's budget plus 3 s, else 30 s. */
  deadlineMs?: number;
  /** CORS, when the player's page is on another origin. Default `false`. */
  cors?: PlayAuthCorsOptions | false;
  /** Clock of token expiry, the replay count and the cache, epoch ms. Default `Date.now`. */
  now?: () => number;
  /**
   * Called for KMS failures and internal errors. Default: one `console.error` line with the
   * code, status and KMS RequestId; never the key, the token, the ciphertext or the secret.
   */
  onError?: (error: unknown, context: HlsDecryptErrorContext) => void;
}

/** A Web-standard request handler: `(request: Request) => Promise<Response>`. */
export type HlsDecryptHandler = (request: Request) => Promise<Response>;

const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
const CIPHERTEXT = /^[A-Za-z0-9+/=_-]{16,4096}$/;
const MAX_TRACKED_TOKENS = 100_000;

function configError(message: string): VodApiError {
  return new VodApiError('InvalidConfiguration', `createHlsDecryptHandler: ${message}`);
}

function defaultOnError(_error: unknown, context: HlsDecryptErrorContext): void {
  const code = isVodErrorCode(context.code) ? context.code : 'UnknownError';
  const id = isVodRequestId(context.requestId) ? ` RequestId=${context.requestId}` : '';
  console.error(oneLine(`[playauth] HLS key (KMS Decrypt) ${code} -> HTTP ${context.status}${id}`));
}

const refusal = (status: number, code: string, message: string) =>
  new HandlerResponse(status, code, message);

/**
 * Creates the decryption service of HLS standard encryption: the URL VOD writes into encrypted
 * playlists (`#EXT-X-KEY:METHOD=AES-128,URI="<this>?Ciphertext=<EDK>&MtsHlsUriToken=<token>"`)
 * that answers the player the 16-byte AES-128 key. Web-standard, like `createPlayAuthHandler`.
 *
 * In order, each refusal a typed JSON `{ Code, Message, RequestId }` and none of them calling
 * KMS: 405 for other methods than GET; 400 `InvalidParameter` for a missing, repeated or
 * malformed `Ciphertext`; 403 `InvalidToken.Missing`, `InvalidToken` (malformed or forged),
 * `InvalidToken.Expired`, `InvalidToken.Viewer` (bound to another viewer), `Forbidden.WrongVideo`
 * (with `keyOwner`), `Forbidden.NotAuthorized` (`authorize`), `InvalidToken.Replayed` (over
 * `maxUses`). Then the key comes from the in-memory cache or KMS `Decrypt`; KMS failures answer
 * 503/504/502 like the PlayAuth endpoint. The key is answered as `application/octet-stream` with
 * `Cache-Control: no-store`; keys, tokens, ciphertexts and secrets appear in no answer and no log.
 *
 * @throws {@link VodApiError} `InvalidConfiguration` for a missing `kms`, `authorize` or secret.
 * @example
 * ```ts
 * // app/api/hls-key/route.ts (Next.js); VOD's DecryptKeyUri is https://example.com/api/hls-key
 * import { createHlsDecryptHandler, createKmsClient, fromEnv } from '@playauth/server';
 *
 * export const GET = createHlsDecryptHandler({
 *   kms: createKmsClient(fromEnv()),
 *   secret: process.env.HLS_TOKEN_SECRET!,
 *   viewer: async (request) => (await getUser(request))?.id,
 *   authorize: async (request, { videoId }) => (await getUser(request))?.canWatch(videoId) ?? false,
 * });
 * ```
 */
export function createHlsDecryptHandler(
  options: CreateHlsDecryptHandlerOptions,
): HlsDecryptHandler {
  const { kms, authorize, onError = defaultOnError } = options ?? {};
  if (typeof kms?.decrypt !== 'function') {
    throw configError(
      '`kms` is required: createHlsDecryptHandler({ kms: createKmsClient(fromEnv()), secret, authorize })',
    );
  }
  if (typeof authorize !== 'function') {
    throw configError(
      '`authorize(request, { videoId, viewer })` is required: check that this user may watch the video before its key is handed out; to trust the token alone, write `authorize: () => true`.',
    );
  }
  const secrets = checkHlsUriTokenSecret(options.secret, 'createHlsDecryptHandler');
  const maxUses = options.maxUses ?? 3;
  if (!(maxUses === Number.POSITIVE_INFINITY || (Number.isInteger(maxUses) && maxUses >= 1)))
    throw configError('maxUses must be a whole number >= 1, or Infinity');
  const cacheOptions = options.cache === false ? undefined : (options.cache ?? {});
  const maxEntries = cacheOptions?.maxEntries ?? 100;
  const ttlMs = cacheOptions?.ttlMs ?? 600_000;
  if (cacheOptions && !(Number.isInteger(maxEntries) && maxEntries >= 1 && ttlMs > 0))
    throw configError('cache.maxEntries must be a whole number >= 1 and cache.ttlMs > 0');
  const deadlineMs = options.deadlineMs ?? (kms.budgetMs ? kms.budgetMs + 3000 : 30_000);
  if (!(Number.isFinite(deadlineMs) && deadlineMs > 0))
    throw configError('deadlineMs must be a positive number of milliseconds');
  const now = options.now ?? Date.now;
  const cors = createCors(options.cors);
  let keys: ReturnType<typeof importHlsUriTokenKeys> | undefined;
  /** Key requests per token id, with the token's expiry. */
  const uses = new Map<string, { count: number; expiresAt: number }>();
  /** Plaintext keys by ciphertext (insertion order = age), and KMS calls in flight. */
  const cache = new Map<string, { key: Uint8Array; expiresAt: number }>();
  const inFlight = new Map<string, Promise<Uint8Array>>();

  function report(error: unknown, context: HlsDecryptErrorContext): void {
    try {
      onError(error, context);
    } catch {
      // A failing logger must not turn into a failing endpoint.
    }
  }

  function fail(request: Request, answer: HandlerResponse): Response {
    return new Response(
      JSON.stringify({
        Code: answer.code,
        Message: answer.message,
        RequestId: answer.requestId ?? crypto.randomUUID(),
      }),
      {
        status: answer.status,
        headers: {
          ...BASE_HEADERS,
          'Content-Type': 'application/json; charset=utf-8',
          ...cors?.headers(request),
          ...answer.headers,
        },
      },
    );
  }

  /** Counts one use of a token; false when it is over `maxUses`. */
  function use(tokenId: string, expiresAt: number): boolean {
    if (maxUses === Number.POSITIVE_INFINITY) return true;
    const t = now();
    const entry = uses.get(tokenId);
    if (entry) {
      entry.count += 1;
      return entry.count <= maxUses;
    }
    if (uses.size >= MAX_TRACKED_TOKENS) {
      for (const [id, e] of uses) if (e.expiresAt <= t) uses.delete(id);
      // Still full: forget the oldest (their expiry still bounds them).
      for (const id of uses.keys()) {
        if (uses.size < MAX_TRACKED_TOKENS) break;
        uses.delete(id);
      }
    }
    uses.set(tokenId, { count: 1, expiresAt });
    return true;
  }

  async function dataKey(
    request: Request,
    videoId: string,
    ciphertext: string,
    signal: AbortSignal,
  ) {
    const t = now();
    const hit = cache.get(ciphertext);
    if (hit && hit.expiresAt > t) return hit.key;
    if (hit) cache.delete(ciphertext);
    let pending = inFlight.get(ciphertext);
    if (!pending) {
      pending = kms.decrypt({ ciphertextBlob: ciphertext }, { signal }).then(({ Plaintext }) => {
        const bytes = Uint8Array.from(atob(Plaintext), (c) => c.charCodeAt(0));
        if (bytes.length !== 16) {
          throw new VodApiError(
            'InvalidKey',
            `KMS returned a ${bytes.length}-byte key where AES-128 needs 16`,
          );
        }
        if (cacheOptions) {
          while (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
          cache.set(ciphertext, { key: bytes, expiresAt: now() + ttlMs });
        }
        return bytes;
      });
      inFlight.set(ciphertext, pending);
      const settle = () => inFlight.delete(ciphertext);
      pending.then(settle, (error: unknown) => {
        settle();
        if (signal.aborted) return;
        const answer = mapKmsError(error);
        report(error, {
          request,
          videoId,
          status: answer.status,
          code: isVodApiError(error) ? error.code : 'InternalError',
          requestId: isVodApiError(error) ? error.requestId : undefined,
        });
      });
    }
    return pending;
  }

  async function handle(request: Request, signal: AbortSignal, seen: { videoId?: string }) {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS' && cors) {
      return new Response(null, {
        status: 204,
        headers: { ...BASE_HEADERS, ...cors.preflight(request) },
      });
    }
    if (method !== 'GET') {
      return fail(
        request,
        new HandlerResponse(
          405,
          'MethodNotAllowed',
          'Use GET ?Ciphertext=<EDK>&MtsHlsUriToken=<token>.',
          {
            Allow: cors ? 'GET, OPTIONS' : 'GET',
          },
        ),
      );
    }
    const url = new URL(request.url);
    const blobs = url.searchParams.getAll('Ciphertext');
    // A `+` of base64 left unencoded in a URI arrives as a space.
    const ciphertext = blobs[0]?.replace(/ /g, '+');
    if (blobs.length !== 1 || ciphertext === undefined || !CIPHERTEXT.test(ciphertext)) {
      return fail(
        request,
        refusal(
          400,
          'InvalidParameter',
          'Invalid Ciphertext: give it once, as the playlist key URI has it.',
        ),
      );
    }
    const tokens = url.searchParams.getAll('MtsHlsUriToken');
    if (tokens.length === 0 || tokens[0] === '') {
      return fail(
        request,
        refusal(
          403,
          'InvalidToken.Missing',
          'No MtsHlsUriToken: play with the token from the PlayAuth endpoint (playConfig), and enable HLS encryption parameter pass-through on the CDN domain.',
        ),
      );
    }
    keys ??= importHlsUriTokenKeys(secrets);
    const checked =
      tokens.length === 1
        ? await verifyHlsUriToken(await keys, tokens[0] as string, now())
        : { refused: 'malformed' as const };
    if ('refused' in checked) {
      return fail(
        request,
        checked.refused === 'expired'
          ? refusal(
              403,
              'InvalidToken.Expired',
              'The MtsHlsUriToken has expired: get a new PlayAuth and token, then play again.',
            )
          : refusal(
              403,
              'InvalidToken',
              'The MtsHlsUriToken is not valid: get a new PlayAuth and token.',
            ),
      );
    }
    const { claims, keyIndex } = checked;
    seen.videoId = claims.videoId;
    let viewer: string | undefined;
    if (claims.viewerHash !== undefined) {
      viewer = await options.viewer?.(request);
      const hash = viewer === undefined ? '' : await viewerHash(await keys, viewer, keyIndex);
      if (!constantTimeEqual(hash, claims.viewerHash)) {
        return fail(
          request,
          refusal(403, 'InvalidToken.Viewer', 'The MtsHlsUriToken was issued to another viewer.'),
        );
      }
    }
    if (options.keyOwner) {
      const owner = await options.keyOwner(ciphertext);
      if (owner !== claims.videoId) {
        return fail(
          request,
          refusal(
            403,
            'Forbidden.WrongVideo',
            'The MtsHlsUriToken was not issued for the video of this key.',
          ),
        );
      }
    }
    const grant =
      viewer === undefined ? { videoId: claims.videoId } : { videoId: claims.videoId, viewer };
    if ((await authorize(request, grant)) !== true) {
      return fail(
        request,
        refusal(403, 'Forbidden.NotAuthorized', 'You are not allowed to watch this video.'),
      );
    }
    if (!use(claims.tokenId, claims.expiresAt)) {
      return fail(
        request,
        refusal(
          403,
          'InvalidToken.Replayed',
          `The MtsHlsUriToken was used ${maxUses} times already: get a new PlayAuth and token.`,
        ),
      );
    }
    let key: Uint8Array;
    try {
      key = await untilAborted(dataKey(request, claims.videoId, ciphertext, signal), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return fail(request, mapKmsError(error)); // reported once per KMS call in dataKey
    }
    return new Response(key.slice(), {
      status: 200,
      headers: {
        ...BASE_HEADERS,
        'Content-Type': 'application/octet-stream',
        'Content-Length': '16',
        ...cors?.headers(request),
      },
    });
  }

  return function hlsDecryptHandler(request: Request): Promise<Response> {
    return answerWithinDeadline(
      request,
      deadlineMs,
      (signal, seen) => handle(request, signal, seen),
      {
        service: 'The key service',
        report,
        fail,
      },
    );
  };
}

/** KMS failures as the browser sees them: the PlayAuth endpoint's mapping, with KMS's wording. */
function mapKmsError(error: unknown): HandlerResponse {
  if (isVodApiError(error) && (error.code === 'InvalidCiphertext' || error.kind === 'parameter')) {
    return refusal(
      400,
      'InvalidParameter',
      'The Ciphertext cannot be decrypted: use the key URI of the playlist as it is.',
    );
  }
  const answer = mapVodError(error);
  if (answer.status === 503) {
    return new HandlerResponse(
      503,
      'ServiceUnavailable',
      'The key service is unavailable; retry after the Retry-After delay.',
      answer.headers,
    );
  }
  if (answer.status === 504)
    return refusal(504, 'Timeout', 'The key service did not answer in time; try again.');
  if (answer.status === 429)
    return new HandlerResponse(
      503,
      'ServiceUnavailable',
      'The key service is busy; retry after the Retry-After delay.',
      { 'Retry-After': answer.headers['Retry-After'] ?? '1' },
    );
  return refusal(
    502,
    'BadGateway',
    'The key service could not obtain the key; the server log has details.',
  );
}
