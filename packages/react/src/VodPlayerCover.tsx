import type { CSSProperties, ReactNode } from 'react';

/** What a `renderCover` prop receives. */
export interface VodPlayerCoverState {
  /** A sanitized (http/https) cover URL. */
  cover?: string;
  /** The video's title (from `VideoMeta`, else the `title` prop). */
  title?: string;
  /** Seconds, when known. */
  duration?: number;
  /** Starts playback; set when the default cover would show its play button. */
  play?: () => void;
  /** The localised accessible name of that play button. */
  playLabel?: string;
}

/** Props of {@link VodPlayerCover}. */
export interface VodPlayerCoverProps {
  /** A sanitized (http/https) cover URL. */
  cover?: string;
  /** The video's title: the cover's `alt` and, with `showTitle`, a caption. */
  title?: string;
  /** Seconds; shown as `m:ss` or `h:mm:ss` when positive. */
  duration?: number;
  /** Show the title as a caption. Default `true`. */
  showTitle?: boolean;
  /** Accessible name of the play button; no button is rendered without it. */
  playLabel?: string;
  /** Play button pressed (click, Enter or Space). */
  onPlay?: () => void;
  /** Pointer over or focus on the play button: time to prefetch what playing needs. */
  onIntent?: () => void;
  /** Renders the cover's content instead of the default image, title, duration and button. */
  render?: (state: VodPlayerCoverState) => ReactNode;
}

const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%' };
const color = 'var(--playauth-color,#fff)';
const overlay = 'var(--playauth-overlay,rgba(0,0,0,0.6))';
/** Text over the video: the caption, the duration and the error alert. */
export const overlayText: CSSProperties = {
  color,
  font: 'var(--playauth-font,14px/1.4 system-ui,sans-serif)',
};
const caption: CSSProperties = {
  ...overlayText,
  position: 'absolute',
  margin: 0,
  padding: '0.5em 0.75em',
  background: overlay,
};

/**
 * Formats seconds as `m:ss`, or `h:mm:ss` from one hour on.
 *
 * @example
 * ```ts
 * formatDuration(75); // '1:15'
 * formatDuration(3725); // '1:02:05'
 * ```
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor(total / 60) % 60);
  const ss = String(total % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * What `<VodPlayer>` shows before the player is ready, also when server-rendered: the cover
 * image (alt = title), the title, the duration and, for `load="interaction"` or a refused
 * autoplay, a real play `<button>` that fills the cover.
 *
 * Theming: the parts carry `data-playauth-cover`, `-title`, `-duration` and `-play`; colours
 * and font come from the CSS custom properties `--playauth-background` (cover, default `#000`),
 * `--playauth-color` (text and play arrow, `#fff`), `--playauth-overlay` (caption and play
 * circle, `rgba(0,0,0,0.6)`) and `--playauth-font` (`14px/1.4 system-ui,sans-serif`).
 *
 * @example
 * ```tsx
 * <VodPlayerCover cover={meta.coverUrl} title={meta.title} duration={meta.duration} />
 * ```
 */
export function VodPlayerCover(props: VodPlayerCoverProps) {
  const { cover, title, duration, showTitle = true, playLabel, onPlay, onIntent, render } = props;
  return (
    <div data-playauth-cover="" style={{ ...fill, background: 'var(--playauth-background,#000)' }}>
      {render ? (
        render({ cover, title, duration, playLabel, play: playLabel ? onPlay : undefined })
      ) : (
        <>
          {cover ? (
            <img src={cover} alt={title ?? ''} style={{ ...fill, objectFit: 'contain' }} />
          ) : null}
          {showTitle && title ? (
            <p data-playauth-title="" style={{ ...caption, top: 0, left: 0 }}>
              {title}
            </p>
          ) : null}
          {duration && duration > 0 ? (
            <time
              dateTime={`PT${Math.round(duration)}S`}
              data-playauth-duration=""
              style={{ ...caption, bottom: 0, right: 0 }}
            >
              {formatDuration(duration)}
            </time>
          ) : null}
          {playLabel ? (
            <button
              type="button"
              aria-label={playLabel}
              data-playauth-play=""
              onClick={onPlay}
              onPointerEnter={onIntent}
              onFocus={onIntent}
              style={{ ...fill, border: 0, padding: 0, background: 'none', cursor: 'pointer' }}
            >
              <svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true">
                <circle cx="32" cy="32" r="32" style={{ fill: overlay }} />
                <path d="M25 19v26l21-13z" style={{ fill: color }} />
              </svg>
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
