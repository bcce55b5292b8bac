/**
 * The decoded content of a PlayAuth, as the Aliplayer SDK reads it: a PlayAuth is base64 of a
 * JSON object. Real credentials carry more fields; these are the ones the SDK uses.
 */
export interface PlayAuthToken {
  /** STS AccessKeyId used to sign GetPlayInfo. */
  AccessKeyId?: string;
  /** STS AccessKeySecret: the GetPlayInfo signing key is this plus `&`. */
  AccessKeySecret?: string;
  /** STS security token, sent as `SecurityToken`. */
  SecurityToken?: string;
  /** Region of the video, e.g. `cn-shanghai`: GetPlayInfo goes to `vod.<Region>.aliyuncs.com`. */
  Region?: string;
  /** Sent verbatim as `AuthInfo`; in real credentials a JSON string with `ExpireTime`, `MediaId`. */
  AuthInfo?: string;
  /** Account id, used by the SDK for its logs only. */
  CustomerId?: string | number;
  /** Host the play URLs are on, when VOD reports one. */
  PlayDomain?: string;
  [field: string]: unknown;
}
