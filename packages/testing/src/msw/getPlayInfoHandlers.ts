import {
  authInfoRefusal,
  checkRpcV2Signature,
  createRequestId,
  readPlayConfig,
  type VodRefusal,
  videoRefusal,
  vodRefusal,
} from '@playauth/vod-model';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from '../vod/createPlayAuth';
import type { VodFailures } from '../vod/failureRefusal';
import { fakePlayInfoBody } from '../vod/fakePlayInfoBody';
import { type FakeVideo, type FakeVideoCatalog, findVideo } from '../vod/findVideo';
import { scriptedFailureResponse } from './scriptedFailureResponse';

/** What `onRequest` and a failure function learn about a GetPlayInfo call. */
export interface GetPlayInfoRequestInfo {
  videoId: string;
  /** Every query parameter as received. */
  params: Record<string, string>;
  request: Request;
}

/** Options of {@link getPlayInfoHandlers}. */
export interface GetPlayInfoHandlersOptions {
  /**
   * URL (msw path) to answer: the `customVodServer` you give the player, or the default, every
   * `https://vod.<region>.aliyuncs.com/` and `https://vod-product.<region>.aliyuncs.com/`.
   */
  endpoint?: string | RegExp;
  /** Known videos (with `playUrl`). Default: every id exists, 60 s, a `.invalid` play URL. */
  videos?: FakeVideoCatalog;
  /**
   * AccessKeyId -> AccessKeySecret used to verify signatures. Default: the test identity that
   * {@link createPlayAuth} and `playAuthHandlers` write into PlayAuths.
   */
  accessKeys?: Record<string, string>;
  /** Check `Signature` (V2, HMAC-SHA1). Default `true`. */
  verifySignature?: boolean;
  /** Scripted failures by video id, or a function (return `undefined` to succeed). */
  failures?: VodFailures<GetPlayInfoRequestInfo>;
  /** Answer after this many ms. Default 0. */
  delayMs?: number;
  /** Called for every request, before it is answered. */
  onRequest?: (info: GetPlayInfoRequestInfo) => void;
  /** Clock for `AuthInfo.ExpireTime` checks, epoch ms. Default `Date.now`. */
  now?: () => number;
}

const DEFAULT_ENDPOINT = /^https:\/\/vod(?:-product)?\.[a-z0-9-]+\.aliyuncs\.com\/$/;

const CORS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

function vodError(refusal: VodRefusal): Response {
  return HttpResponse.json(
    {
      RequestId: createRequestId(),
      HostId: 'vod.playauth.invalid',
      Code: refusal.code,
      Message: refusal.message,
    },
    { status: refusal.status, headers: CORS },
  );
}

/**
 * Why a request is refused, or `undefined` when its credential checks pass. The signature is
 * checked with the shared VOD model's verifier, not with the signer FakeAliplayer uses.
 */
async function credentialRefusal(
  request: Request,
  params: Record<string, string>,
  options: GetPlayInfoHandlersOptions,
  nonces: Set<string>,
): Promise<VodRefusal | undefined> {
  if (params.Action !== 'GetPlayInfo') {
    return vodRefusal('InvalidAction.NotFound', `Specified api "${params.Action}" is not found.`);
  }
  if (options.verifySignature !== false) {
    const keys = options.accessKeys ?? { [TEST_ACCESS_KEY_ID]: TEST_ACCESS_KEY_SECRET };
    const secret = keys[params.AccessKeyId ?? ''];
    if (secret === undefined) return vodRefusal('InvalidAccessKeyId.NotFound');
    if (!(await checkRpcV2Signature(request.method, params, secret))) {
      return vodRefusal('SignatureDoesNotMatch');
    }
  }
  const nonce = params.SignatureNonce ?? '';
  if (nonces.has(nonce)) return vodRefusal('SignatureNonceUsed');
  nonces.add(nonce);
  return authInfoRefusal(params.AuthInfo, params.VideoId ?? '', (options.now ?? Date.now)());
}

/**
 * MSW handlers that act as the VOD `GetPlayInfo` API the player calls with a PlayAuth: they
 * verify the V2 signature with the shared VOD model's verifier (with the test keys by default;
 * the real SDK's looser encoding passes too), refuse a reused `SignatureNonce`
 * (`SignatureNonceUsed`), an expired `AuthInfo` (403 `InvalidAuthInfo.ExpireTime`, which the
 * player reports as 4002) and an unknown video (404 `InvalidVideo.NotFound`, reported as 4500),
 * and answer `VideoBase` + `PlayInfoList` with CORS headers. Lets {@link FakeAliplayer} (or the
 * real SDK with `customVodServer`) run the whole PlayAuth flow without a network.
 *
 * @example
 * ```ts
 * const server = setupServer(
 *   ...playAuthHandlers({ videos }),
 *   ...getPlayInfoHandlers({ videos }),
 * );
 * ```
 */
export function getPlayInfoHandlers(options: GetPlayInfoHandlersOptions = {}): HttpHandler[] {
  const nonces = new Set<string>();
  return [
    http.get(options.endpoint ?? DEFAULT_ENDPOINT, async ({ request }) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const videoId = params.VideoId ?? '';
      const info: GetPlayInfoRequestInfo = { videoId, params, request };
      options.onRequest?.(info);
      if (options.delayMs) await delay(options.delayMs);
      const refused = await credentialRefusal(request, params, options, nonces);
      if (refused) return vodError(refused);

      const failed = scriptedFailureResponse(options.failures, info, vodError);
      if (failed) return failed;
      const video = findVideo(options.videos, videoId);
      const refusal = videoRefusal(video);
      if (refusal) return vodError(refusal);
      const playConfig = readPlayConfig(params.PlayConfig);
      if ('code' in playConfig) return vodError(playConfig);
      return HttpResponse.json(
        fakePlayInfoBody(videoId, video as FakeVideo, playConfig.hlsUriToken),
        { headers: CORS },
      );
    }),
  ];
}
