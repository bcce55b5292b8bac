import {
  mediaError,
  type Playback,
  type PlaybackHost,
  type PlaybackSettings,
  type PlaybackSource,
} from './Playback';
import { SDK_ERROR, SDK_TEXT } from './requestPlayInfo';

/** `MediaError.code` -> SDK error code (`VideoErrorCode` in the SDK). */
const MEDIA_ERROR_CODES: Record<number, number> = { 1: 4015, 2: 4016, 3: 4013, 4: 4400 };

/** `<video>` events the SDK relays without a payload of its own (`''`, its "common" handler). */
const COMMON_EVENTS = [
  'durationchange',
  'volumechange',
  'ratechange',
  'loadstart',
  'loadeddata',
  'progress',
  'stalled',
  'suspend',
] as const;

/** Relayed with `paramData` `null` (the SDK re-triggers them without data). */
const BARE_EVENTS = ['play', 'pause', 'playing', 'waiting', 'seeking', 'seeked'] as const;

/**
 * Playback through a real `<video>` (browsers): plays the play URL (MP4, or HLS where the browser
 * plays it natively) and relays the media events in the SDK's shape. Autoplay follows the
 * browser's policy (muted autoplay is allowed everywhere).
 */
export class MediaElementPlayback implements Playback {
  readonly #host: PlaybackHost;
  readonly #source: PlaybackSource;
  readonly #settings: PlaybackSettings;
  readonly #tag: HTMLVideoElement;
  readonly #abort = new AbortController();
  #loadedAt = 0;

  constructor(
    host: PlaybackHost,
    source: PlaybackSource,
    settings: PlaybackSettings,
    tag: HTMLVideoElement,
  ) {
    this.#host = host;
    this.#source = source;
    this.#settings = settings;
    this.#tag = tag;
  }

  get currentTime(): number {
    return this.#tag.currentTime;
  }

  get duration(): number {
    const { duration } = this.#tag;
    return Number.isFinite(duration) ? duration : 0;
  }

  get volume(): number {
    return this.#tag.volume;
  }

  start(): void {
    const tag = this.#tag;
    const { signal } = this.#abort;
    const on = (name: string, listener: (event: Event) => void) =>
      tag.addEventListener(name, listener, { signal });
    for (const name of COMMON_EVENTS) on(name, () => this.#host.emit(name, ''));
    for (const name of BARE_EVENTS) on(name, () => this.#host.emit(name));
    on('loadedmetadata', () => {
      this.#host.emit('ready');
      this.#host.emit('loadedmetadata');
    });
    on('canplay', () => {
      // The SDK measures `loadtime` from its play() call: NaN when it never called play().
      const played = this.#settings.autoplay || !tag.paused;
      this.#host.emit('canplay', { loadtime: played ? Date.now() - this.#loadedAt : Number.NaN });
    });
    // At `canplaythrough` and `ended` the SDK first fires `timeupdate` with the media time.
    on('canplaythrough', () => {
      this.#host.emit('timeupdate', tag.currentTime);
      this.#host.emit('canplaythrough');
    });
    on('timeupdate', (event) => this.#host.emit('timeupdate', event.timeStamp));
    on('ended', () => {
      this.#host.emit('timeupdate', tag.duration);
      this.#host.emit('ended', { playTime: tag.currentTime });
      if (this.#settings.loop) {
        tag.currentTime = 0;
        void tag.play().catch(() => undefined);
      }
    });
    on('error', () => this.#onError());

    tag.muted = this.#settings.muted;
    tag.playsInline = true;
    tag.preload = 'auto';
    this.#loadedAt = Date.now();
    tag.src = this.#source.url;
    // Before metadata this sets the default playback start position.
    if (this.#source.startAt) tag.currentTime = this.#source.startAt;
    if (this.#settings.autoplay) {
      tag.play().then(
        () => this.#host.emit('autoplay', true),
        (error: unknown) => {
          if (this.#abort.signal.aborted) return;
          if (error instanceof DOMException && error.name === 'NotAllowedError') {
            this.#host.emit('autoPlayPrevented');
            this.#host.emit('autoplay', false);
          }
        },
      );
    }
  }

  play(): void {
    void this.#tag.play().catch(() => undefined);
  }

  pause(): void {
    this.#tag.pause();
  }

  seek(seconds: number): void {
    if (Number.isFinite(seconds)) this.#tag.currentTime = Math.max(0, seconds);
  }

  setMuted(muted: boolean): void {
    this.#tag.muted = muted;
  }

  setVolume(volume: number): void {
    this.#tag.volume = Math.min(1, Math.max(0, volume));
  }

  setRate(rate: number): void {
    if (rate > 0) this.#tag.playbackRate = rate;
  }

  halt(): void {
    this.#tag.pause();
  }

  dispose(): void {
    this.#abort.abort();
    this.#tag.pause();
    this.#tag.removeAttribute('src');
    this.#tag.load();
  }

  #onError(): void {
    const code = this.#tag.error?.code ?? 4;
    const detail = this.#tag.error?.message;
    if (code === 2 || code === 4) {
      // A <video> does not expose the HTTP status: code 4 covers a refused (403) URL.
      const check = code === 2 ? 'network' : 403;
      this.#host.fail(mediaError(this.#host.videoId, this.#source.format, check, detail));
      return;
    }
    this.#host.fail({
      mediaId: this.#host.videoId ?? '',
      error_code: MEDIA_ERROR_CODES[code] ?? SDK_ERROR.OtherError,
      error_msg: `${code} || ${detail ?? ''}`,
      display_msg: SDK_TEXT.play,
    });
  }
}
