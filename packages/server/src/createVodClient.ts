import {
  type GetVideoPlayAuthResponse,
  isValidAuthInfoTimeout,
  isValidVideoId,
} from '@playauth/core';
import {
  type AcsClientOptions,
  type AcsCredentials,
  type AcsCredentialsProvider,
  createAcsRpcCaller,
} from './createAcsRpcCaller';
import { percentEncode } from './percentEncode';
import { VodApiError } from './VodApiError';

export { DEFAULT_VOD_REGION, defaultRetryDelayMs } from './createAcsRpcCaller';

/** An AccessKey pair of a RAM user, or STS credentials (with `securityToken`). */
export type VodCredentials = AcsCredentials;

/**
 * Returns the credentials to sign the next attempt with; called before every attempt, so a
 * provider can hand out rotated STS tokens. Cache inside the provider: it is called often.
 */
export type VodCredentialsProvider = AcsCredentialsProvider;

/** Options of {@link createVodClient} (shared with `createKmsClient`). */
export interface CreateVodClientOptions extends AcsClientOptions {
  /** Region the videos are stored in. Default `cn-shanghai`. Call the region of the video. */
  region?: string;
  /**
   * Overrides the region's endpoint `https://vod.<region>.aliyuncs.com`: an origin such as
   * `https://vod-vpc.cn-shanghai.aliyuncs.com` or the local emulator's URL.
   */
  endpoint?: string;
}

/** Parameters of `GetVideoPlayAuth`. */
export interface GetVideoPlayAuthParams {
  /** The VOD VideoId: 1 to 64 characters of `A-Z a-z 0-9 _ -`. */
  videoId: string;
  /** PlayAuth validity in seconds, an integer in 100..3000. Default (VOD's): 100. */
  authInfoTimeout?: number;
}

/** Per-call options of {@link VodClient}. */
export interface VodCallOptions {
  /** Aborts the call, including retries and backoff waits; it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A minimal ApsaraVideo VOD client, made by {@link createVodClient}. */
export interface VodClient {
  /** The origin requests go to, e.g. `https://vod.cn-shanghai.aliyuncs.com`. */
  readonly endpoint: string;
  /** The region the client was created for. */
  readonly region: string;
  /**
   * Longest a `getVideoPlayAuth` call may take, every attempt and backoff wait included, in
   * milliseconds: `timeoutMs × (maxRetries + 1)` plus the longest waits between attempts.
   * `createPlayAuthHandler` derives its default deadline from it.
   */
  readonly budgetMs?: number;
  /**
   * Calls `GetVideoPlayAuth` and returns its JSON body as VOD sent it.
   * @throws {@link VodApiError} after retries are exhausted or for a non-retryable error.
   */
  getVideoPlayAuth(
    params: GetVideoPlayAuthParams,
    options?: VodCallOptions,
  ): Promise<GetVideoPlayAuthResponse>;
}

const VOD_HINTS = {
  notFound:
    'the VideoId does not exist in this account and region (is the client set to the region of the video?)',
  illegalStatus: 'the video is not playable yet (uploading, transcoding, in review or blocked)',
  throttling: 'the account-wide GetVideoPlayAuth limit was hit; coalesce requests and retry later',
  parameter: 'the request parameters were refused',
};

/**
 * Creates a client for the one VOD call playauth needs, `GetVideoPlayAuth`, signed with
 * signature V3 (Web Crypto, `fetch`; no SDK, no `node:` modules).
 *
 * Every attempt is signed anew (fresh date and nonce, fresh credentials from a provider) and
 * aborted after `timeoutMs`. Retryable failures (throttling, 5xx, `ServiceUnavailable`,
 * `InternalError`, `SignatureNonceUsed`, network errors, timeouts) are retried up to
 * `maxRetries` times with backoff; others throw at once. Errors are {@link VodApiError}s whose
 * messages never contain the AccessKey, secret, token or signature.
 *
 * @param options - Credentials, region or endpoint, timeouts and retries.
 * @throws {@link VodApiError} `InvalidConfiguration` for missing credentials or a bad endpoint.
 * @example
 * ```ts
 * import { createVodClient, fromEnv } from '@playauth/server';
 *
 * const vod = createVodClient(fromEnv()); // ALIBABA_CLOUD_ACCESS_KEY_ID, ..._SECRET, VOD_REGION
 * const { PlayAuth, VideoMeta } = await vod.getVideoPlayAuth({ videoId, authInfoTimeout: 600 });
 * ```
 */
export function createVodClient(options: CreateVodClientOptions): VodClient {
  const caller = createAcsRpcCaller(options, {
    factory: 'createVodClient',
    code: 'vod',
    version: '2017-03-21',
    serviceName: 'an ApsaraVideo VOD API endpoint',
    owner: "VOD's",
  });
  return {
    endpoint: caller.endpoint,
    region: caller.region,
    budgetMs: caller.budgetMs,
    async getVideoPlayAuth(params, callOptions = {}) {
      const { videoId, authInfoTimeout } = params;
      if (!isValidVideoId(videoId)) {
        throw new VodApiError(
          'InvalidParameter',
          'VideoId must be 1-64 characters of A-Z a-z 0-9 _ -',
        );
      }
      if (authInfoTimeout !== undefined && !isValidAuthInfoTimeout(authInfoTimeout)) {
        throw new VodApiError(
          'InvalidParameter',
          'AuthInfoTimeout must be an integer number of seconds in 100..3000',
        );
      }
      // Parameters in the query string, sorted and RFC 3986 encoded, as the official client sends RPC calls.
      const query = [
        ...(authInfoTimeout === undefined ? [] : [`AuthInfoTimeout=${authInfoTimeout}`]),
        `VideoId=${percentEncode(videoId)}`,
      ].join('&');
      return caller.call<GetVideoPlayAuthResponse>({
        action: 'GetVideoPlayAuth',
        query,
        isAnswer: (body) =>
          typeof body.PlayAuth === 'string' &&
          typeof body.VideoMeta === 'object' &&
          body.VideoMeta !== null &&
          !Array.isArray(body.VideoMeta),
        answerSize: '2 KB',
        signal: callOptions.signal,
        hints: VOD_HINTS,
      });
    },
  };
}
