/** A VOD refusal: HTTP status, `Code` and `Message` of the error body. */
export interface VodRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * The VOD and gateway errors both models answer, by `Code`: the HTTP status and the service's
 * own `Message`. Callers may pass a more specific message to {@link vodRefusal}.
 */
export const vodErrors = {
  MissingParameter: {
    status: 400,
    message: 'The input parameter that is mandatory for processing this request is not supplied.',
  },
  InvalidParameter: { status: 400, message: 'The specified parameter is not valid.' },
  'InvalidAction.NotFound': { status: 400, message: 'Specified api is not found.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  SignatureDoesNotMatch: {
    status: 400,
    message: 'Specified signature is not matched with our calculation.',
  },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidAuthInfo.ExpireTime': {
    status: 403,
    message: 'The AuthInfo is expired: get a new PlayAuth (GetVideoPlayAuth) and retry.',
  },
  'InvalidAuthInfo.MediaId': {
    status: 403,
    message: 'The AuthInfo was issued for another VideoId: get a PlayAuth for this video.',
  },
  'InvalidAuthInfo.Signature': { status: 403, message: 'The AuthInfo signature is invalid.' },
  'InvalidVideo.NotFound': { status: 404, message: 'The video does not exist.' },
  'InvalidVideo.NoneStream': {
    status: 404,
    message: 'The video has no stream matching the request.',
  },
  'Forbidden.IllegalStatus': { status: 403, message: 'Status of the video is illegal.' },
  'Throttling.User': { status: 429, message: 'Request was denied due to user flow control.' },
  ServiceUnavailable: {
    status: 503,
    message: 'The request has failed due to a temporary failure of the server.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

/** A `Code` of {@link vodErrors}. */
export type VodErrorCode = keyof typeof vodErrors;

/**
 * The refusal for `code`, with VOD's status and either VOD's message or `message`.
 *
 * @example
 * ```ts
 * vodRefusal('InvalidVideo.NotFound'); // { status: 404, code: 'InvalidVideo.NotFound', message: 'The video does not exist.' }
 * ```
 */
export function vodRefusal(code: VodErrorCode, message?: string): VodRefusal {
  const error = vodErrors[code];
  return { status: error.status, code, message: message ?? error.message };
}
