import {
  type Aliplayer,
  type AliplayerLicense,
  type AliplayerOptions,
  type AliplayerSource,
  localStorageResume,
  type PlayAuthCredential,
  type PlayerController,
  type ResumeStorage,
  sanitizeCoverUrl,
  type VideoMeta,
} from '@playauth/core';
import {
  type CSSProperties,
  forwardRef,
  type ReactNode,
  useEffect,
  useImperativeHandle,
  useState,
} from 'react';
import { en, type VodPlayerMessages } from './messages';
import { type PlayAuthPlayerDefaults, usePlayAuthConfig } from './PlayAuthProvider';
import type { PlayAuthOptions } from './playAuthQueryOptions';
import { type PlayerEventProps, usePlayerEvents } from './playerEvents';
import { playerFrameStyle } from './playerFrameStyle';
import { useInView } from './useInView';
import { usePlayerController } from './usePlayerController';
import { usePlayerCredential } from './usePlayerCredential';
import { usePlayerPool } from './usePlayerPool';
import { VodPlayerCover, type VodPlayerCoverState } from './VodPlayerCover';
import { VodPlayerError, type VodPlayerErrorState, vodPlayerErrorKind } from './VodPlayerError';

/** What `onPreviewEnd` receives. */
export interface VodPlayerPreviewEndEvent {
  videoId: string;
  /** The preview length that was reached (seconds). */
  seconds: number;
}

/**
 * Props of {@link VodPlayer}. The credential options (`endpoint`, `fetcher`, `headers`,
 * `credentials`, `authInfoTimeout`, `refreshMargin`, `timeoutMs`, `queryClient`) and the player
 * defaults `license`, `sdk`, `telemetry` and `resume` that are left unset come from the nearest
 * `<PlayAuthProvider>`, else from the defaults of `usePlayAuth`.
 */
export interface VodPlayerProps
  extends PlayerEventProps,
    PlayAuthOptions,
    Pick<PlayAuthPlayerDefaults, 'resume'> {
  /** The VOD VideoId. Changing it switches the running player to the new video. */
  videoId: string;
  /** Aliplayer licence for the page's domain; required on http(s) pages (SDK >= 2.28). */
  license?: AliplayerLicense;
  /** Where the SDK comes from (see `loadAliplayer`). Default: the official CDN. */
  sdk?: AliplayerSource;
  /** Play once loaded. Default `false`, except `true` with `load="interaction"`. */
  autoplay?: boolean;
  /** Muted; applied live. Default `false`. */
  muted?: boolean;
  /** Loop; changing it re-creates the player. Default `false`. */
  loop?: boolean;
  /** CSS aspect ratio of the player, used when `height` is unset. Default `16 / 9`. */
  aspectRatio?: number | string;
  /** CSS width (numbers are px). Default `'100%'`. */
  width?: number | string;
  /** CSS height (numbers are px); replaces `aspectRatio`. */
  height?: number | string;
  /**
   * The video's metadata from your server, no credential needed: cover, title and duration
   * render from it on the server and in the first client render, so no PlayAuth has to be in
   * the HTML (the browser fetches one after hydration). E.g. `toVideoMeta(await
   * vod.getVideoInfo({ videoId }))` (`@playauth/react/server`, `@playauth/server`), or any
   * `{ title?, coverUrl?, duration? }` from your own data. Its fields win over the credential's
   * `VideoMeta` when that arrives, so the DOM rendered from it never changes; fields it lacks come
   * from the credential, then from `title` and `cover`. `coverUrl` is used only if http(s).
   * Ignored when its `videoId` is set and differs from `videoId` (data of the previous video).
   */
  meta?: Partial<VideoMeta>;
  /** Cover image URL (http/https only) until the video's own cover is known. */
  cover?: string;
  /** Title until the video's own title is known; labels the region and the cover. */
  title?: string;
  /** Show the title over the cover. Default `true`. */
  showTitle?: boolean;
  /**
   * When to load the SDK and fetch the credential: `'eager'` (default) on mount, `'visible'` when
   * scrolled near the viewport, `'interaction'` on a click of the play button (the credential is
   * prefetched on hover or focus).
   */
  load?: 'eager' | 'visible' | 'interaction';
  /**
   * Preferred stream format: `'hls'` or `'mp4'` (sent to GetPlayInfo); a change re-creates the
   * player keeping position. Default: the SDK's choice (MP4 when the video has one).
   */
  format?: 'hls' | 'mp4';
  /**
   * Definition to play, e.g. `'SD'`, when the video has it (the SDK's `defaultDefinition`);
   * changing it switches the running player keeping position. The handle lists the video's
   * definitions (`getDefinitions()`). Default: the SDK's choice.
   */
  definition?: string;
  /** Start here (seconds) unless `resume` has a saved position. Default `0`. */
  startTime?: number;
  /**
   * Trial playback: the SDK's `playConfig.PreviewTime` (also sent to GetPlayInfo), and playback
   * stops at `seconds` (then `onPreviewEnd`). Client-side preview is **not enforcement**: the
   * credential still plays the whole video for anyone who uses it directly. Restrict what a
   * viewer may watch on your backend (e.g. refuse the PlayAuth). Default: off.
   */
  preview?: { seconds: number };
  /** Playback reached the `preview` limit. */
  onPreviewEnd?: (event: VodPlayerPreviewEndEvent) => void;
  /** Other Aliplayer options; a change re-creates the player. `id`, `vid`, `playauth` are managed. */
  options?: Partial<AliplayerOptions>;
  /** Let the SDK report to Alibaba Cloud. Default `false`. */
  telemetry?: boolean;
  /** Any error the player shows: credential fetch, SDK load, playback. */
  onError?: (error: Error) => void;
  /** The player got a new credential for the same video (position and play state were kept). */
  onCredentialRenewed?: (credential: PlayAuthCredential) => void;
  className?: string;
  style?: CSSProperties;
  /** Texts: `zhCN`, `en` (default) or a partial object of replacements. */
  messages?: Partial<VodPlayerMessages>;
  /** Renders the content of the error alert instead of the default message and retry button. */
  renderError?: (state: VodPlayerErrorState) => ReactNode;
  /** Renders the content of the cover instead of the default image, title, duration and button. */
  renderCover?: (state: VodPlayerCoverState) => ReactNode;
}

/** The controller methods a {@link VodPlayerHandle} forwards, each to the SDK method it names. */
const handleMethods = [
  'play',
  'pause',
  'seek',
  'getCurrentTime',
  'renew',
  'setPlaybackRate',
  'getPlaybackRate',
  'setVolume',
  'getVolume',
  'setMuted',
  'requestFullscreen',
  'exitFullscreen',
  'getStatus',
  'getDefinitions',
  'getDefinition',
  'setDefinition',
] as const;

/**
 * What a `ref` on {@link VodPlayer} gives: the `PlayerController` methods of the same names
 * (no-ops, or defaults, before the player exists). `setPlaybackRate` and `setVolume` throw a
 * `PlayAuthError` `InvalidParameter` for a value out of range.
 */
export interface VodPlayerHandle
  extends Pick<PlayerController, Exclude<(typeof handleMethods)[number], 'renew'>> {
  /** The Aliplayer instance, once built. */
  readonly player: Aliplayer | undefined;
  /** Gives the player a fresh credential keeping position and play state; also a retry. */
  renew(): Promise<void>;
}

/** The props that are settings of {@link usePlayAuthConfig}. */
const settingProps = [
  'endpoint',
  'fetcher',
  'headers',
  'credentials',
  'authInfoTimeout',
  'refreshMargin',
  'timeoutMs',
  'queryClient',
  'license',
  'sdk',
  'telemetry',
  'resume',
] as const;

/** One `localStorageResume()` for the page (it touches `localStorage` only when used). */
const localResume = /* @__PURE__ */ localStorageResume();

/** The storage a `resume` setting means. */
function resumeStorage(resume: PlayAuthPlayerDefaults['resume']): ResumeStorage | undefined {
  return resume === true ? localResume : resume ? resume.storage : undefined;
}

/**
 * Plays an ApsaraVideo VOD video with a PlayAuth from your backend, kept fresh by `usePlayAuth`.
 * Shows the cover, title and duration from `VideoMeta` before the player is ready (also when
 * server-rendered), loads the SDK and the credential in parallel, renews expiring credentials
 * keeping the position, and shows each error as an alert with a retry. Needs a QueryClient: a
 * `<PlayAuthProvider>` or `QueryClientProvider` above, or the `queryClient` prop. Without a
 * provider, configure it through its props (`endpoint`, `headers`, ...).
 *
 * @example
 * ```tsx
 * <PlayAuthProvider endpoint="/api/play-auth" license={{ domain: 'example.com', key: KEY }}>
 *   <VodPlayer videoId="a1b2c3d4e5f6" title="Launch keynote" load="visible" onEnded={next} />
 * </PlayAuthProvider>
 * ```
 */
export const VodPlayer = /* @__PURE__ */ forwardRef<VodPlayerHandle, VodPlayerProps>(
  function VodPlayer(props, ref) {
    const { videoId, load = 'eager', onError, preview } = props;
    // Picked, not `props` whole: only these are settings (undefined ones inherit).
    const config = usePlayAuthConfig(
      Object.fromEntries(settingProps.map((key) => [key, props[key]])),
    );
    const [section, setSection] = useState<HTMLElement | null>(null);
    const [container, setContainer] = useState<HTMLDivElement | null>(null);
    const [clicked, setClicked] = useState(false);
    const inView = useInView(section, load === 'visible');
    const started = load === 'eager' || (load === 'visible' ? inView : clicked);
    const messages = { ...en, ...props.messages };

    const { controller, snapshot } = usePlayerController({
      sdk: config.sdk,
      license: config.license,
      telemetry: config.telemetry,
      autoplay: props.autoplay ?? load === 'interaction',
      muted: props.muted,
      loop: props.loop,
      width: '100%',
      height: '100%',
      options: { language: messages.language, ...props.options },
      startTime: props.startTime,
      preview: preview?.seconds,
      resume: resumeStorage(config.resume),
      format: props.format,
      definition: props.definition,
    });
    usePlayerPool(config.poolLease, config.playerPool);
    const { query, credential, meta } = usePlayerCredential(controller, snapshot, videoId, {
      ...config,
      enabled: started,
      onRenewed: props.onCredentialRenewed,
    });
    usePlayerEvents(controller, props);

    // The app's metadata first: it is what the server rendered (see `meta`).
    const own = (props.meta?.videoId ?? videoId) === videoId ? props.meta : undefined;
    const title = own?.title ?? meta?.title ?? props.title;
    const cover =
      sanitizeCoverUrl(own?.coverUrl) ?? meta?.coverUrl ?? sanitizeCoverUrl(props.cover);

    useEffect(() => {
      controller.update({ cover });
    }, [controller, cover]);

    // Same commit as the credential query's first fetch: the SDK never waits for the credential.
    useEffect(() => {
      // preload() never rejects unhandled; build() reports a failure.
      if (started) void controller.preload();
    }, [controller, started]);
    useEffect(() => {
      if (container) controller.attach(container);
    }, [controller, container]);

    // biome-ignore lint/correctness/useExhaustiveDependencies: once per preview end
    useEffect(() => {
      if (snapshot.previewEnded && preview) props.onPreviewEnd?.({ videoId, ...preview });
    }, [snapshot.previewEnded]);

    const error = snapshot.error ?? (credential ? undefined : (query.error ?? undefined));
    // Reported once per error, not again when only the callback's identity changes.
    // biome-ignore lint/correctness/useExhaustiveDependencies: see above
    useEffect(() => {
      if (error) onError?.(error);
    }, [error]);

    useImperativeHandle(ref, () => {
      const handle: Record<string, unknown> = {};
      for (const name of handleMethods) handle[name] = controller[name].bind(controller);
      return Object.defineProperty(handle, 'player', {
        get: () => controller.player,
      }) as unknown as VodPlayerHandle;
    }, [controller]);

    const blocked = snapshot.autoplayBlocked;
    return (
      <section
        ref={setSection}
        aria-label={title || messages.video}
        className={props.className}
        tabIndex={-1}
        data-playauth-player=""
        data-status={error ? 'error' : snapshot.status}
        style={playerFrameStyle(props)}
      >
        {/* The SDK owns this element's content; React never renders into it. Its own stacking
            context keeps the SDK's layers (error overlay: z-index 99) under our cover and alert. */}
        <div ref={setContainer} style={{ position: 'absolute', inset: 0, isolation: 'isolate' }} />
        {snapshot.sourceLoaded && !blocked ? null : (
          <VodPlayerCover
            cover={cover}
            title={title}
            duration={own?.duration ?? meta?.duration}
            showTitle={props.showTitle}
            render={props.renderCover}
            playLabel={
              blocked || (!started && load === 'interaction')
                ? messages.play(title ?? '')
                : undefined
            }
            onPlay={() => {
              if (blocked) controller.play();
              setClicked(true);
              // The button goes away: keep keyboard focus in the player, not on <body>.
              section?.focus();
            }}
            onIntent={() => {
              // The credential query's own fetch (cached while fresh), as prefetchQuery would.
              query.getFresh().catch(() => {});
              void controller.preload();
            }}
          />
        )}
        {error ? (
          <VodPlayerError
            error={error}
            messages={messages}
            render={props.renderError}
            // Never a page reload: a failed fetch is fetched again; a player error is renewed
            // (which builds the player if there is none), except that a player the SDK broke
            // after a licence error is built anew.
            onRetry={() => {
              if (!snapshot.error) void query.refetch();
              else if (vodPlayerErrorKind(error) !== 'license' || !container)
                void controller.renew();
              else {
                controller.dispose();
                controller.attach(container);
              }
            }}
          />
        ) : null}
      </section>
    );
  },
);
