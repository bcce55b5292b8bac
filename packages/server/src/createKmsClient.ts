import {
  type AcsClientOptions,
  createAcsRpcCaller,
  DEFAULT_VOD_REGION,
} from './createAcsRpcCaller';
import { percentEncode } from './percentEncode';
import { VodApiError } from './VodApiError';

/** Options of {@link createKmsClient}: the same as `createVodClient`'s. */
export interface CreateKmsClientOptions extends AcsClientOptions {
  /** Region of the KMS service key: the region of the videos. Default `cn-shanghai`. */
  region?: string;
  /**
   * Overrides the region's endpoint `https://kms.<region>.aliyuncs.com`: e.g.
   * `https://kms-vpc.cn-shanghai.aliyuncs.com` or the local emulator's URL.
   */
  endpoint?: string;
}

/** What KMS `Decrypt` answers. `Plaintext` is base64 of the data key: a secret, never log it. */
export interface KmsDecryptResponse {
  RequestId: string;
  KeyId: string;
  KeyVersionId?: string;
  Plaintext: string;
}

/** A minimal Key Management Service client, made by {@link createKmsClient}. */
export interface KmsClient {
  readonly endpoint: string;
  readonly region: string;
  /** Longest a call may take, every attempt and backoff wait included, ms. */
  readonly budgetMs?: number;
  /**
   * Calls KMS `Decrypt` (API 2016-01-20) on an enveloped data key.
   * @throws {@link VodApiError} with KMS's `Code` after retries, or for a non-retryable error.
   */
  decrypt(
    params: { ciphertextBlob: string; encryptionContext?: Record<string, string> },
    options?: { signal?: AbortSignal },
  ): Promise<KmsDecryptResponse>;
}

const MAX_BLOB_CHARS = 4096;

/**
 * Creates a client for KMS `Decrypt`, the call an HLS decryption service makes to open the
 * enveloped data key (EDK) in a playlist's key URI. It runs on the same transport as
 * `createVodClient` (signature V3 on Web Crypto, timeouts, retries with backoff, errors without
 * credentials), and takes the same options: give it a RAM user or role allowed `kms:Decrypt` on
 * the VOD service key only.
 *
 * @param options - Credentials, region (default `cn-shanghai`) or endpoint, timeouts and retries.
 * @throws {@link VodApiError} `InvalidConfiguration` for missing credentials or a bad endpoint.
 * @example
 * ```ts
 * import { createKmsClient, fromEnv } from '@playauth/server';
 *
 * const kms = createKmsClient(fromEnv()); // ALIBABA_CLOUD_ACCESS_KEY_ID, ..._SECRET, VOD_REGION
 * const { Plaintext } = await kms.decrypt({ ciphertextBlob });
 * ```
 */
export function createKmsClient(options: CreateKmsClientOptions): KmsClient {
  const caller = createAcsRpcCaller(
    { region: DEFAULT_VOD_REGION, ...options },
    {
      factory: 'createKmsClient',
      code: 'kms',
      version: '2016-01-20',
      serviceName: 'a Key Management Service endpoint',
      owner: "KMS's",
    },
  );
  return {
    endpoint: caller.endpoint,
    region: caller.region,
    budgetMs: caller.budgetMs,
    decrypt({ ciphertextBlob, encryptionContext }, callOptions = {}) {
      if (
        typeof ciphertextBlob !== 'string' ||
        ciphertextBlob === '' ||
        ciphertextBlob.length > MAX_BLOB_CHARS
      ) {
        return Promise.reject(
          new VodApiError(
            'InvalidParameter',
            `CiphertextBlob must be a non-empty string of at most ${MAX_BLOB_CHARS} characters`,
          ),
        );
      }
      const query = [
        `CiphertextBlob=${percentEncode(ciphertextBlob)}`,
        ...(encryptionContext
          ? [`EncryptionContext=${percentEncode(JSON.stringify(encryptionContext))}`]
          : []),
      ].join('&');
      return caller.call<KmsDecryptResponse>({
        action: 'Decrypt',
        query,
        isAnswer: (body) => typeof body.Plaintext === 'string' && typeof body.KeyId === 'string',
        answerSize: '200 B',
        signal: callOptions.signal,
        hints: { parameter: 'KMS refused the CiphertextBlob or EncryptionContext' },
      });
    },
  };
}
