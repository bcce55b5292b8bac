/** Publication status of a VOD video, as `GetVideoPlayAuth` reports it in `VideoMeta.Status`. */
export type VideoStatus =
  | 'Uploading'
  | 'UploadFail'
  | 'UploadSucc'
  | 'Transcoding'
  | 'TranscodeFail'
  | 'Checking'
  | 'Blocked'
  | 'Normal'
  | 'ProduceFail'
  | (string & {});

/** Video metadata from `GetVideoPlayAuth`, camelCased and validated. */
export interface VideoMeta {
  videoId: string;
  title: string;
  /** Seconds. */
  duration: number;
  /** Present only when the API returned an `http:` or `https:` URL. */
  coverUrl?: string;
  status: VideoStatus;
}

/**
 * A validated playback credential for one video.
 * Times are epoch milliseconds. `issuedAt` is when the request was *sent*, so `expiresAt` errs
 * early, never late.
 */
export interface PlayAuthCredential {
  videoId: string;
  /** The opaque PlayAuth string to hand to the player as `playauth`. */
  playAuth: string;
  /** VOD RequestId of the call that minted it. */
  requestId: string;
  videoMeta: VideoMeta;
  issuedAt: number;
  expiresAt: number;
}

/** `GetVideoPlayAuth` response body as the API returns it (PascalCase), plus the optional
 * `AuthInfoTimeout` a backend may add (the validity it actually used, seconds). */
export interface GetVideoPlayAuthResponse {
  RequestId: string;
  PlayAuth: string;
  VideoMeta: {
    VideoId: string;
    Title: string;
    Duration: number | string;
    CoverURL?: string;
    Status: VideoStatus;
  };
  AuthInfoTimeout?: number;
}

/**
 * `GetVideoInfo` response body as the API returns it (PascalCase): the video's metadata, no
 * credential. `@playauth/server`'s `getVideoInfo` returns it; {@link toVideoMeta} turns it into a
 * {@link VideoMeta}. Only the fields playauth reads are typed; VOD sends more (`Size`,
 * `Snapshots`, `CateName`, `Tags`, ...), which stay in the object.
 */
export interface GetVideoInfoResponse {
  RequestId: string;
  Video: {
    VideoId: string;
    Title: string;
    /** Seconds. Absent until VOD has analysed the upload. */
    Duration?: number | string;
    CoverURL?: string;
    Status: VideoStatus;
    Description?: string;
    /** ISO 8601 UTC. */
    CreationTime?: string;
    [field: string]: unknown;
  };
}

/** VOD / gateway error body. */
export interface VodErrorBody {
  Code: string;
  Message: string;
  RequestId?: string;
  HostId?: string;
  Recommend?: string;
}
