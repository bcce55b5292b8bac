import type { AliplayerFullscreenService } from '@playauth/core';
import type { EventRegistry } from './EventRegistry';

/**
 * The fake's stand-in for the SDK's UI: the `<video>`, a cover, a big play button and an error
 * message, driven by *internal* listeners on the player's events, as the SDK's own UI is. So
 * `off(name)` without a handler removes them too, as it does in the SDK (e.g. after
 * `off('play')` the cover no longer hides on play).
 */
export class FakeSkin {
  readonly video: HTMLVideoElement;
  readonly #stage: HTMLDivElement;
  readonly #cover: HTMLDivElement;
  readonly #playButton: HTMLButtonElement;
  readonly #error: HTMLDivElement;

  constructor(container: HTMLElement, onPlayClick: () => void, autoplay: boolean) {
    const doc = container.ownerDocument;
    this.#stage = doc.createElement('div');
    this.#stage.className = 'prism-fake-stage';
    this.#stage.style.cssText = 'position:relative;width:100%;height:100%;background:#000';

    this.video = doc.createElement('video');
    this.video.setAttribute('playsinline', '');
    this.video.style.cssText = 'display:block;width:100%;height:100%';

    this.#cover = doc.createElement('div');
    this.#cover.className = 'prism-cover';
    this.#cover.style.cssText =
      'position:absolute;inset:0;background:center/contain no-repeat;pointer-events:none';
    this.#cover.hidden = true;

    this.#playButton = doc.createElement('button');
    this.#playButton.type = 'button';
    this.#playButton.className = 'prism-big-play-btn';
    this.#playButton.setAttribute('aria-label', 'Play');
    this.#playButton.textContent = '\u25B6';
    this.#playButton.style.cssText =
      'position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);font-size:32px;cursor:pointer';
    this.#playButton.hidden = autoplay;
    this.#playButton.addEventListener('click', onPlayClick);

    this.#error = doc.createElement('div');
    this.#error.className = 'prism-ErrorMessage';
    this.#error.style.cssText =
      'position:absolute;inset:auto 0 0 0;padding:8px;color:#fff;background:rgba(0,0,0,.7)';
    this.#error.hidden = true;

    this.#stage.append(this.video, this.#cover, this.#playButton, this.#error);
    container.append(this.#stage);
  }

  /** Registers the UI's internal listeners. */
  bind(events: EventRegistry): void {
    const internal = { internal: true };
    events.add(
      'play',
      () => {
        this.#cover.hidden = true;
        this.#playButton.hidden = true;
        this.#error.hidden = true;
      },
      internal,
    );
    const showPlay = () => {
      this.#playButton.hidden = false;
    };
    events.add('pause', showPlay, internal);
    events.add('ended', showPlay, internal);
    events.add(
      'error',
      (event: { paramData: { display_msg?: string; error_msg?: string } }) => {
        const { display_msg: display, error_msg: message } = event.paramData ?? {};
        this.#error.textContent = String(display ?? message ?? '').replace(/<\/?br\s*\/?>/gi, ' ');
        this.#error.hidden = false;
      },
      internal,
    );
  }

  /** `player.fullscreenService`: tracks the state and fires the SDK's events. */
  fullscreenService(emit: (name: string) => void): AliplayerFullscreenService {
    let fullscreen = false;
    const set = (value: boolean, event: string) => {
      fullscreen = value;
      emit(event);
    };
    return {
      requestFullScreen: () => set(true, 'requestFullScreen'),
      cancelFullScreen: () => set(false, 'cancelFullScreen'),
      getIsFullScreen: () => fullscreen,
    };
  }

  setCover(url: string): void {
    this.#cover.style.backgroundImage = url ? `url(${JSON.stringify(url)})` : '';
    this.#cover.hidden = !url;
  }

  hideError(): void {
    this.#error.hidden = true;
  }

  /** Takes the `<video>` out of the page (what the SDK does after a licence error). */
  removeVideo(): void {
    this.video.remove();
  }
}
