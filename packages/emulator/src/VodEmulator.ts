import type { EmulatorAccessKey, SignatureVersion } from './authenticateRequest';
import type { EmulatorVideo } from './catalogue';
import type { Clock } from './clock';
import type { FaultAction, FaultRule } from './faults';
import type { PrepareRenditionsOptions } from './prepareRenditions';

/**
 * The development key pair the emulator accepts by default (and the CLI prints). Not a real
 * Alibaba Cloud key: it only works against the emulator.
 */
export const DEFAULT_ACCESS_KEY: Readonly<EmulatorAccessKey> = Object.freeze({
  accessKeyId: 'PlayauthEmulatorDevKeyId',
  accessKeySecret: 'PlayauthEmulatorDevSecretNotForProduction',
});

/** The API version the emulator implements. */
export const VOD_API_VERSION = '2017-03-21';

/** What `latencyMs` and `setLatency` apply to. */
export type LatencyTarget = Exclude<FaultAction, '*'>;

/** Options of `startVodEmulator`. */
export interface VodEmulatorOptions {
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port; `0` picks a free one. Default `0`. */
  port?: number;
  /** Accepted account keys. Default: [{@link DEFAULT_ACCESS_KEY}]. */
  accessKeys?: readonly EmulatorAccessKey[];
  /** Region reported in PlayAuths. Default `'cn-shanghai'`. */
  region?: string;
  /** The catalogue. Default `EMULATOR_VIDEOS`. */
  videos?: readonly EmulatorVideo[];
  /** Time source for timestamps, nonces and expiry. Default `systemClock`. */
  clock?: Clock;
  /** Faults to start with (see {@link FaultRule}). */
  faults?: readonly FaultRule[];
  /** Seed of the RNG behind `FaultRule.rate`. Default 1. */
  faultSeed?: number;
  /** Added delay per action, real milliseconds. */
  latencyMs?: Partial<Record<LatencyTarget, number>>;
  /** Base of the cover and play URLs handed out, e.g. when behind a proxy. Default: `url`. */
  publicUrl?: string;
  /** Log one line per request (never secrets): `true` for `console.log`, or a function. */
  log?: boolean | ((line: string) => void);
  /**
   * Serve every `Normal` catalogue video as VOD does after transcoding: MP4 and HLS (m3u8 + TS)
   * in several definitions (default `LD` and `SD`), made with ffmpeg at start and cached (see
   * `prepareRenditions`). `true` for the defaults, or options. Default `false`: one MP4 per
   * video, the committed sample itself. Start fails with a `MediaToolError` without ffmpeg.
   */
  renditions?: boolean | PrepareRenditionsOptions;
}

/** One request the emulator answered (or dropped), for assertions in tests. */
export interface RecordedRequest {
  /** `GetVideoPlayAuth`, `GetVideoInfo`, `GetPlayInfo`, `media`, `cover`, `preflight`, or the unknown action. */
  action: string;
  videoId?: string;
  /** `OK`, an error code, or `ConnectionDropped`. */
  code: string;
  /** HTTP status; `0` when the connection was dropped. */
  status: number;
  /** Arrival time on the emulator's clock, epoch ms. */
  time: number;
  signatureVersion?: SignatureVersion;
  method: string;
  /** The path, without the query (which may hold credentials). */
  path: string;
  requestId: string;
}

/** A running emulator. */
export interface VodEmulator {
  /** `http://127.0.0.1:<port>`: the endpoint for clients, and a `customVodServer` for the SDK. */
  readonly url: string;
  readonly port: number;
  /** The first accepted key pair. */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly region: string;
  readonly clock: Clock;
  /** Every request so far, oldest first (a live array). */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** How many requests of `action` were recorded (all outcomes). */
  count(action: string): number;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Sets the added delay of `action` (`0` removes it). */
  setLatency(action: LatencyTarget, ms: number): void;
  /** The current catalogue. */
  readonly videos: readonly EmulatorVideo[];
  /** Adds a video or replaces the one with the same id (e.g. to make it `Normal`). */
  setVideo(video: EmulatorVideo): void;
  /**
   * Issues a PlayAuth directly, as a successful GetVideoPlayAuth would (for tests of the player
   * side that need no backend).
   *
   * @throws {@link EmulatorError} as GetVideoPlayAuth would answer.
   */
  createPlayAuth(videoId: string, authInfoTimeout?: number): string;
  /** Stops listening and destroys open connections (keep-alive included). Idempotent. */
  close(): Promise<void>;
}
