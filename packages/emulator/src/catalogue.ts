import { fileURLToPath } from 'node:url';

/** Video status values of ApsaraVideo VOD. Only `Normal` is playable. */
export type EmulatorVideoStatus =
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

/** A media file the emulator serves as a video's only stream (`Format: mp4`). */
export interface EmulatorMedia {
  /** Absolute path of an MP4 file. */
  file: string;
  width: number;
  height: number;
  /** Frames per second. */
  fps: number;
  /** Seconds. */
  duration: number;
  /** `Definition` reported by GetPlayInfo. Default `'SD'`. */
  definition?: string;
}

/** One video of the emulator's catalogue. */
export interface EmulatorVideo {
  /** The VideoId (1-64 characters of `A-Z a-z 0-9 _ -`). */
  videoId: string;
  title: string;
  /** Seconds, as `VideoMeta.Duration` reports it. */
  duration: number;
  /** Only `Normal` videos get a PlayAuth; the others answer `Forbidden.IllegalStatus`. */
  status: EmulatorVideoStatus;
  /** `CoverURL` to report. Default: the emulator's own `/cover/<videoId>.svg`. */
  coverUrl?: string;
  /** What GetPlayInfo hands out. Without it a `Normal` video answers `InvalidVideo.NoneStream`. */
  media?: EmulatorMedia;
  /** ISO UTC creation time. Default {@link DEFAULT_CREATION_TIME}. */
  creationTime?: string;
}

/** `CreationTime` reported for a catalogue video that states none. */
export const DEFAULT_CREATION_TIME = '2026-01-05T08:00:00Z';

const mediaFile = (name: string) => fileURLToPath(new URL(`../media/${name}`, import.meta.url));

/**
 * The two committed sample clips (see `media/README.md`): 6 s, 320x180, 25 fps, H.264 baseline
 * + AAC. `testPattern` shows ffmpeg's `testsrc2` with a 440 Hz tone, `colourBars` shows colour
 * bars with a frame counter and a 660 Hz tone.
 */
export const SAMPLE_MEDIA = {
  testPattern: Object.freeze({
    file: mediaFile('sample-a.mp4'),
    width: 320,
    height: 180,
    fps: 25,
    duration: 6,
    definition: 'SD',
  }),
  colourBars: Object.freeze({
    file: mediaFile('sample-b.mp4'),
    width: 320,
    height: 180,
    fps: 25,
    duration: 6,
    definition: 'SD',
  }),
} as const satisfies Record<string, EmulatorMedia>;

/**
 * Stable VideoIds of the default catalogue ({@link EMULATOR_VIDEOS}), shaped like real ones
 * (32 lower-case hex digits).
 */
export const DEFAULT_VIDEO_IDS = {
  /** `Normal`, plays the test pattern with a 440 Hz tone. */
  testPattern: '3f8a1c2e9b7d4e5fa6c0b1d2e3f40a01',
  /** `Normal`, plays colour bars with a 660 Hz tone. */
  colourBars: '7c2e4a6b8d0f41e3a5c7e9b1d3f50b02',
  /** `Normal`, a second title over the test-pattern clip. */
  shortFilm: 'b5d7f9a1c3e54b6d8f0a2c4e6a8c0c03',
  /** `Transcoding`: GetVideoPlayAuth answers `Forbidden.IllegalStatus`. */
  transcoding: 'd1e3a5c7b9f14d2e8a6c0e2b4d6f0d04',
  /** `Blocked`: GetVideoPlayAuth answers `Forbidden.IllegalStatus`. */
  blocked: 'e9a7c5b3d1f24e6a8c0b2d4f6e8a0e05',
} as const;

/**
 * The default catalogue: three playable videos (with covers served by the emulator), one
 * `Transcoding` and one `Blocked`. Pass `videos` to `startVodEmulator` to replace it; spread
 * it to extend it.
 */
export const EMULATOR_VIDEOS: readonly EmulatorVideo[] = Object.freeze([
  Object.freeze({
    videoId: DEFAULT_VIDEO_IDS.testPattern,
    title: 'Test pattern with a 440 Hz tone',
    duration: 6,
    status: 'Normal',
    media: SAMPLE_MEDIA.testPattern,
    creationTime: '2026-01-05T08:00:00Z',
  }),
  Object.freeze({
    videoId: DEFAULT_VIDEO_IDS.colourBars,
    title: 'Colour bars with a 660 Hz tone',
    duration: 6,
    status: 'Normal',
    media: SAMPLE_MEDIA.colourBars,
    creationTime: '2026-01-06T09:30:00Z',
  }),
  Object.freeze({
    videoId: DEFAULT_VIDEO_IDS.shortFilm,
    title: 'A very short film',
    duration: 6,
    status: 'Normal',
    media: SAMPLE_MEDIA.testPattern,
    creationTime: '2026-01-07T10:15:00Z',
  }),
  Object.freeze({
    videoId: DEFAULT_VIDEO_IDS.transcoding,
    title: 'Still transcoding',
    duration: 42,
    status: 'Transcoding',
    creationTime: '2026-01-08T11:00:00Z',
  }),
  Object.freeze({
    videoId: DEFAULT_VIDEO_IDS.blocked,
    title: 'Blocked in review',
    duration: 30,
    status: 'Blocked',
    creationTime: '2026-01-09T12:45:00Z',
  }),
]);
