import type { AliplayerErrorData } from '@playauth/core';
import { decodePlayAuth, type PlayAuthToken } from '@playauth/vod-model';
import { createPlayback } from './createPlayback';
import {
  FAKE_ALIPLAYER_VERSION,
  type FakeAliplayerConfig,
  type FakeAliplayerOptions,
} from './FakeAliplayerConfig';
import type { Playback } from './Playback';
import { registry } from './registry';
import {
  type LoadedPlayInfo,
  type PlayInfoStream,
  playInfoError,
  SDK_ERROR,
  SDK_TEXT,
} from './requestPlayInfo';
import { resolvePlayInfo } from './resolvePlayInfo';

/** The SDK fires `authkeyexpired` this long after a source loads, whatever `authTimeout` is. */
const AUTH_KEY_EXPIRED_MS = 7000 * 1000;

/**
 * What the play info chose: play URL, format, duration (s) and title; with several
 * definitions, the one playing; and `played`, when the fake plays another URL than the SDK would
 * (the MP4 of the same definition, in a browser that cannot play HLS natively).
 */
export interface ChosenPlayInfo {
  url: string;
  format: string;
  duration: number;
  title?: string;
  definition?: string;
  played?: { url: string; format: string };
}

/** The player as its source pipeline sees it. */
export interface PlayerSourceHost {
  readonly options: FakeAliplayerOptions;
  readonly config: FakeAliplayerConfig;
  readonly mode: 'simulated' | 'media';
  readonly tag: HTMLVideoElement | null;
  readonly muted: boolean;
  readonly volume: number;
  readonly disposed: boolean;
  /** False after a licence failure: answers are then dropped. */
  readonly active: boolean;
  emit(name: string, paramData?: unknown): void;
  fail(error: AliplayerErrorData): void;
  /** Play info arrived: show its cover; on the first load run the ready callback. */
  prepared(coverUrl: string | undefined, replay: boolean): void;
  /** A load step completed after dispose (where the SDK throws an uncaught TypeError). */
  answeredAfterDispose(phase: 'module' | 'getPlayInfo'): void;
  later(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
}

/**
 * One player's source pipeline, as the SDK runs it: decode the PlayAuth, get play info, fire
 * `playInfoLoaded prepare (ready callback) sourceloaded init changeURL`, arm `authkeyexpired`
 * and start a playback engine. A new load (replay) supersedes the one in flight.
 */
export class PlayerSource {
  engine: Playback | undefined;
  chosen: ChosenPlayInfo | undefined;
  readonly #host: PlayerSourceHost;
  #generation = 0;
  #authTimer: ReturnType<typeof setTimeout> | undefined;
  #info: LoadedPlayInfo | undefined;

  constructor(host: PlayerSourceHost) {
    this.#host = host;
  }

  /** Loads `vid` with `playauth`; `replay` skips the ready callback. */
  async load(vid: string | undefined, playauth: string, replay: boolean): Promise<void> {
    const host = this.#host;
    const generation = ++this.#generation;
    // On a fresh page the SDK first loads its PlayAuth module (asynchronously); once loaded,
    // later players decode inside the constructor, so a 4012 fires before `new` returns.
    if (!registry.playAuthModuleLoaded) {
      const page = registry.epoch;
      await Promise.resolve();
      if (page === registry.epoch) registry.playAuthModuleLoaded = true;
      if (host.disposed) {
        host.answeredAfterDispose('module');
        return;
      }
    }
    let token: PlayAuthToken;
    try {
      token = decodePlayAuth(playauth);
    } catch {
      if (generation === this.#generation) {
        host.fail(
          playInfoError(vid, {
            code: SDK_ERROR.PlayauthDecode,
            message: 'playauth decoded failed.',
            display: SDK_TEXT.decode,
          }),
        );
      }
      return;
    }
    // Sent even when the player was disposed meanwhile: the SDK's request is already on its way.
    const version = FAKE_ALIPLAYER_VERSION.split('-')[0] ?? FAKE_ALIPLAYER_VERSION;
    const result = await resolvePlayInfo(
      String(vid),
      playauth,
      token,
      host.options,
      host.config,
      version,
      this.#needsMp4(),
    );
    if (host.disposed) {
      host.answeredAfterDispose('getPlayInfo');
      return;
    }
    if (generation !== this.#generation || !host.active) return;
    if (result.ok) this.#apply(result.info, replay, true);
    else host.fail(result.error);
  }

  /** Plays a direct URL (SDK option `source`), without GetPlayInfo. */
  async loadUrl(url: string): Promise<void> {
    await Promise.resolve();
    const format = /\.m3u8/.test(url) ? 'm3u8' : 'mp4';
    const stream = { Url: url, definition: 'custom', format, duration: 0 };
    const data = {
      requestId: '',
      urls: [stream],
      encryptUrlArr: [],
      thumbnailUrl: '',
      playInfoAry: [],
    };
    if (!this.#host.disposed) this.#apply({ data }, false, false);
  }

  /** Drops the current source (and any load in flight), silently. */
  stop(): void {
    this.#generation += 1;
    this.engine?.dispose();
    this.engine = undefined;
    if (this.#authTimer !== undefined) clearTimeout(this.#authTimer);
  }

  /**
   * Plays another stream of the loaded play info (`loadByUrl` with `keepVideo`, the SDK's
   * quality menu path) from `seconds`, playing if `autoplay`.
   */
  switchUrl(url: string, seconds: number, autoplay: boolean | undefined): void {
    const chosen = this.chosen;
    const stream = this.#info?.data.urls.find((item) => item.Url === url);
    if (!chosen || !stream || !this.#info) return;
    this.engine?.dispose();
    this.#host.options.source = url;
    this.#play(this.#info, stream, chosen.duration, autoplay, seconds);
  }

  /** Whether HLS plays as the MP4 of the same definition (see `hlsPlayback`). */
  #needsMp4(): boolean {
    const { mode, tag, config } = this.#host;
    return (
      mode === 'media' &&
      (config.hlsPlayback === 'mp4' || !tag?.canPlayType('application/vnd.apple.mpegurl'))
    );
  }

  #play(
    info: LoadedPlayInfo,
    stream: PlayInfoStream,
    duration: number,
    autoplay = this.#host.options.autoplay,
    startAt = 0,
  ): void {
    const host = this.#host;
    const twin =
      stream.format === 'm3u8' && this.#needsMp4()
        ? info.data.playInfoAry.find(
            (item) => item.Format === 'mp4' && item.Definition === stream.definition,
          )
        : undefined;
    const played = twin ? { url: String(twin.PlayURL), format: 'mp4' } : undefined;
    this.chosen = {
      url: stream.Url,
      format: stream.format,
      duration,
      title: info.title,
      definition: stream.definition,
      ...(played && { played }),
    };
    this.engine = createPlayback({
      mode: host.mode,
      host: {
        emit: (name, paramData) => host.emit(name, paramData),
        fail: (error) => host.fail(error),
        videoId: host.options.vid,
      },
      source: { ...(played ?? { url: stream.Url, format: stream.format }), duration, startAt },
      options: { ...host.options, autoplay },
      config: host.config,
      muted: host.muted,
      tag: host.tag,
    });
    this.engine.setVolume(host.volume);
    this.engine.start();
  }

  #apply(info: LoadedPlayInfo, replay: boolean, fromVod: boolean): void {
    const host = this.#host;
    const generation = this.#generation;
    const { urls } = info.data;
    const index = urls.findIndex((url) => url.definition === host.options.defaultDefinition);
    const stream = urls[Math.max(0, index)];
    if (!stream) return;
    const duration = Number(stream.duration) || info.duration || 60;
    this.#info = info;
    // As the SDK: the chosen stream's URL becomes the `source` option.
    host.options.source = stream.Url;
    if (fromVod) host.emit('playInfoLoaded', info.data);
    host.emit('prepare', stream.definition);
    host.prepared(info.data.coverUrl, replay);
    host.emit('sourceloaded', stream);
    host.emit('init');
    host.emit('changeURL', { from: fromVod ? 'saas' : 'custom' });
    // A handler may have disposed the player or replaced the source meanwhile.
    if (host.disposed || generation !== this.#generation) return;
    this.#authTimer = host.later(() => host.emit('authkeyexpired'), AUTH_KEY_EXPIRED_MS);
    this.#play(info, stream, duration);
  }
}
