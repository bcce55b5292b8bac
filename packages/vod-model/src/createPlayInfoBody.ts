import type { VideoBodyInput } from './VideoBodyInput';

/** One stream of a `GetPlayInfo` answer (the fields the Aliplayer SDK reads, and a few more). */
export interface PlayInfo {
  PlayURL: string;
  Definition: string;
  Format: string;
  Width: number;
  Height: number;
  /** Seconds, a decimal string as the real API sends it. */
  Duration: string;
  /** kb/s, a decimal string as the real API sends it. */
  Bitrate: string;
  /** `1` when the stream is encrypted, else `0`. */
  Encrypt: number;
  /** `HLSEncryption` (standard AES-128) or `AliyunVoDEncryption`; only on encrypted streams. */
  EncryptType?: string;
  /** `video` or `audio`. */
  StreamType: string;
  Status: string;
  Size?: number;
  Fps?: string;
  JobId?: string;
  CreationTime?: string;
  ModificationTime?: string;
}

/** The success body of `GetPlayInfo`. */
export interface GetPlayInfoBody {
  RequestId: string;
  VideoBase: {
    CoverURL?: string;
    Title: string;
    /** Seconds, a decimal string as the real API sends it. */
    Duration: string;
    VideoId: string;
    Status: string;
    MediaType: 'video';
    CreationTime?: string;
    OutputType: 'oss' | 'cdn';
  };
  PlayInfoList: { PlayInfo: PlayInfo[] };
}

/** A stream to describe in a {@link GetPlayInfoBody}. */
export interface PlayInfoStreamInput {
  playUrl: string;
  /** `mp4`, `m3u8`, ... */
  format: string;
  /** `LD`, `SD`, `HD`, `OD`, ... */
  definition: string;
  width: number;
  height: number;
  /** Seconds. */
  duration: number;
  /** kb/s. */
  bitrate: number;
  /** Bytes. */
  size?: number;
  fps?: number;
  /** `HLSEncryption` or `AliyunVoDEncryption` for an encrypted stream. Default: not encrypted. */
  encryptType?: 'HLSEncryption' | 'AliyunVoDEncryption';
  /** Default `'video'`. */
  streamType?: 'video' | 'audio';
  jobId?: string;
  creationTime?: string;
  modificationTime?: string;
}

/** What {@link createPlayInfoBody} describes. */
export interface PlayInfoBodyInput {
  requestId: string;
  video: VideoBodyInput & {
    /** Where the play URLs point: OSS directly or a CDN domain. */
    outputType: 'oss' | 'cdn';
  };
  streams: readonly PlayInfoStreamInput[];
}

/**
 * The GetPlayInfo 200 body in VOD's shape: `VideoBase` and `PlayInfoList.PlayInfo`, numbers the
 * API sends as decimal strings formatted as it does, optional fields only when known.
 *
 * @example
 * ```ts
 * createPlayInfoBody({
 *   requestId,
 *   video: { videoId: 'v1', title: 'Intro', duration: 42, outputType: 'cdn' },
 *   streams: [{ playUrl, format: 'mp4', definition: 'OD', width: 1280, height: 720, duration: 42, bitrate: 1000 }],
 * });
 * ```
 */
export function createPlayInfoBody(input: PlayInfoBodyInput): GetPlayInfoBody {
  const { video } = input;
  return {
    RequestId: input.requestId,
    VideoBase: {
      ...(video.coverUrl === undefined ? {} : { CoverURL: video.coverUrl }),
      Title: video.title,
      Duration: video.duration.toFixed(3),
      VideoId: video.videoId,
      Status: video.status ?? 'Normal',
      MediaType: 'video',
      ...(video.creationTime === undefined ? {} : { CreationTime: video.creationTime }),
      OutputType: video.outputType,
    },
    PlayInfoList: {
      PlayInfo: input.streams.map((stream) => ({
        PlayURL: stream.playUrl,
        Definition: stream.definition,
        Format: stream.format,
        Width: stream.width,
        Height: stream.height,
        Duration: stream.duration.toFixed(3),
        Bitrate: stream.bitrate.toFixed(3),
        Encrypt: stream.encryptType === undefined ? 0 : 1,
        ...(stream.encryptType === undefined ? {} : { EncryptType: stream.encryptType }),
        StreamType: stream.streamType ?? 'video',
        Status: 'Normal',
        ...(stream.size === undefined ? {} : { Size: stream.size }),
        ...(stream.fps === undefined ? {} : { Fps: String(stream.fps) }),
        ...(stream.jobId === undefined ? {} : { JobId: stream.jobId }),
        ...(stream.creationTime === undefined ? {} : { CreationTime: stream.creationTime }),
        ...(stream.modificationTime === undefined
          ? {}
          : { ModificationTime: stream.modificationTime }),
      })),
    },
  };
}
