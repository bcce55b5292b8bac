import {
  mediaError,
  type Playback,
  type PlaybackHost,
  type PlaybackSettings,
  type PlaybackSource,
  type PlayUrlCheck,
} from './Playback';

/**
 * Playback without media, for jsdom: time advances by `tickMs` of simulated playback per
 * `tickMs` of timer time (so `vi.useFakeTimers()` drives it), with `timeupdate` on every tick,
 * the events of a `<video>` as SDK 2.37.7 relays them (order and payloads as observed in
 * Chromium), and play-URL expiry: a seek later than
 * `authTimeout` seconds after the source loaded is refused like an expired signed URL (4400,
 * or 4025 for HLS).
 */
export class SimulatedPlayback implements Playback {
  readonly #host: PlaybackHost;
  readonly #source: PlaybackSource;
  readonly #settings: PlaybackSettings;
  #loadedAt = 0;
  #ready = false;
  #failed = false;
  #disposed = false;
  /** Whether the media should be playing (the opposite of `HTMLMediaElement.paused`). */
  #wantPlay = false;
  #ended = false;
  #time = 0;
  #duration = 0;
  #played = 0;
  #rate = 1;
  #volume = 1;
  #muted: boolean;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #tick: ReturnType<typeof setTimeout> | undefined;

  constructor(host: PlaybackHost, source: PlaybackSource, settings: PlaybackSettings) {
    this.#host = host;
    this.#source = source;
    this.#settings = settings;
    this.#muted = settings.muted;
  }

  get currentTime(): number {
    return this.#time;
  }

  get duration(): number {
    return this.#duration;
  }

  get volume(): number {
    return this.#volume;
  }

  start(): void {
    this.#loadedAt = Date.now();
    const autoplay = this.#settings.autoplay && this.#autoplayAllowed();
    if (autoplay) {
      this.#wantPlay = true;
      this.#host.emit('play');
      this.#host.emit('waiting');
    }
    this.#later(() => void this.#load(), this.#settings.loadDelayMs);
  }

  play(): void {
    if (this.#failed || this.#wantPlay) return;
    if (this.#ended) {
      // HTMLMediaElement.play() on ended media restarts from the beginning (a new request).
      if (this.#refusedIfExpired()) return;
      this.#time = 0;
      this.#ended = false;
    }
    this.#wantPlay = true;
    this.#host.emit('play');
    if (!this.#ready) {
      this.#host.emit('waiting');
      return;
    }
    this.#later(() => {
      if (this.#wantPlay && !this.#tick) this.#startTicking();
    }, 0);
  }

  pause(): void {
    if (this.#failed || !this.#wantPlay) return;
    this.#wantPlay = false;
    this.#stopTicking();
    this.#host.emit('pause');
  }

  seek(seconds: number): void {
    if (this.#failed || !this.#ready || !Number.isFinite(seconds)) return;
    if (this.#refusedIfExpired()) return;
    const target = Math.min(Math.max(0, seconds), this.#duration);
    this.#host.emit('seeking');
    this.#time = target;
    this.#ended = false;
    this.#later(() => {
      this.#host.emit('seeked');
      this.#host.emit('timeupdate', performance.now());
    }, 0);
  }

  setMuted(muted: boolean): void {
    if (muted === this.#muted) return;
    this.#muted = muted;
    this.#host.emit('volumechange', '');
  }

  setVolume(volume: number): void {
    const next = Math.min(1, Math.max(0, volume));
    if (next === this.#volume) return;
    this.#volume = next;
    this.#host.emit('volumechange', '');
  }

  setRate(rate: number): void {
    if (!(rate > 0) || rate === this.#rate) return;
    this.#rate = rate;
    this.#host.emit('ratechange', '');
  }

  halt(): void {
    this.#failed = true;
    this.#wantPlay = false;
    this.#stopTicking();
  }

  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#stopTicking();
  }

  #autoplayAllowed(): boolean {
    const policy = this.#settings.autoplayPolicy;
    return policy === 'allowed' || (policy === 'muted' && this.#muted);
  }

  async #load(): Promise<void> {
    const check = await this.#settings.checkPlayUrl(this.#source.url);
    if (this.#disposed) return;
    if (check !== undefined && (typeof check !== 'number' || check >= 400)) {
      this.#fail(check);
      return;
    }
    this.#ready = true;
    this.#duration = this.#source.duration;
    this.#time = Math.min(this.#source.startAt ?? 0, this.#duration);
    this.#host.emit('durationchange', '');
    this.#host.emit('ready');
    this.#host.emit('loadedmetadata');
    // The SDK measures `loadtime` from its play() call: NaN when it never called play().
    const played = this.#wantPlay || this.#settings.autoplay;
    const loadtime = played ? Date.now() - this.#loadedAt : Number.NaN;
    this.#host.emit('canplay', { loadtime });
    if (this.#settings.autoplay && !this.#autoplayAllowed()) {
      this.#host.emit('autoPlayPrevented');
      this.#host.emit('autoplay', false);
    } else if (this.#wantPlay) {
      this.#host.emit('playing');
      if (this.#settings.autoplay) this.#host.emit('autoplay', true);
    }
    // At `canplaythrough` the SDK fires `timeupdate` with the current time, then relays the event.
    this.#host.emit('timeupdate', this.#time);
    this.#host.emit('canplaythrough');
    if (this.#wantPlay) this.#scheduleTick();
  }

  #startTicking(): void {
    this.#host.emit('playing');
    this.#host.emit('timeupdate', performance.now());
    this.#scheduleTick();
  }

  #scheduleTick(): void {
    this.#stopTicking();
    const step = this.#settings.tickMs;
    this.#tick = setTimeout(() => {
      this.#tick = undefined;
      if (!this.#wantPlay || this.#disposed) return;
      const advance = Math.min((step / 1000) * this.#rate, this.#duration - this.#time);
      this.#time += advance;
      this.#played += advance;
      if (this.#time >= this.#duration) {
        this.#end();
        return;
      }
      this.#host.emit('timeupdate', performance.now());
      this.#scheduleTick();
    }, step);
  }

  #stopTicking(): void {
    if (this.#tick !== undefined) clearTimeout(this.#tick);
    this.#tick = undefined;
  }

  #end(): void {
    this.#wantPlay = false;
    this.#ended = true;
    // Observed order: pause, a timeupdate at the duration, ended.
    this.#host.emit('pause');
    this.#host.emit('timeupdate', this.#duration);
    this.#host.emit('ended', { playTime: this.#played });
    // The SDK implements `rePlay` itself: on `ended` it seeks to 0 and plays again.
    if (this.#settings.loop && !this.#disposed) {
      this.#ended = false;
      this.#time = 0;
      this.play();
    }
  }

  #refusedIfExpired(): boolean {
    if (Date.now() - this.#loadedAt <= this.#settings.authTimeout * 1000) return false;
    this.#fail(403);
    return true;
  }

  #fail(check: PlayUrlCheck): void {
    this.halt();
    this.#host.fail(mediaError(this.#host.videoId, this.#source.format, check));
  }

  #later(callback: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#disposed) callback();
    }, ms);
    this.#timers.add(timer);
  }
}
