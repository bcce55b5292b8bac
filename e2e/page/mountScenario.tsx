import {
  type Aliplayer,
  aliplayerAssetPrefix,
  fetchPlayAuth,
  loadAliplayer,
  PlayerController,
} from '@playauth/core';
import { PlayAuthProvider, VodPlayer, type VodPlayerHandle } from '@playauth/react';
import { QueryClient } from '@tanstack/react-query';
import { createRef, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { MediaEvent, MountApi, MountOptions } from './PageApi';

/**
 * Installs the `mount` scenario (the browser benchmarks) into `api`: players mounted on demand
 * into `rootElement` (`<VodPlayer>`) or `baselineElement` (the sequential designs), every media
 * event of the page recorded, and weak references to what each player owned, to count leaks after
 * unmount and a forced GC. Returns the scenario's part of `unmount()`.
 */
export function installMountScenario(
  api: MountApi,
  rootElement: HTMLElement,
  baselineElement: HTMLElement,
): () => void {
  const events: MediaEvent[] = [];
  // One QueryClient for the page, as an app has: players come and go under it.
  const queryClient = new QueryClient();
  const currentVideo = () => document.querySelector('video');
  const position = () => currentVideo()?.currentTime ?? Number.NaN;

  // Media events do not bubble, but a capturing listener on the document sees every <video>'s.
  for (const type of ['playing', 'seeked', 'pause', 'waiting', 'emptied', 'timeupdate']) {
    document.addEventListener(
      type,
      (event) => {
        const target = event.target as HTMLMediaElement;
        events.push({ type, at: performance.now(), position: target.currentTime });
        if (type === 'playing') track();
      },
      true,
    );
  }

  let mounted:
    | {
        mode: 'ours';
        root: Root;
        handle: React.RefObject<VodPlayerHandle | null>;
        queryClient: QueryClient;
        options: MountOptions;
      }
    | {
        mode: 'baseline' | 'sdk';
        controller?: PlayerController;
        player?: Aliplayer;
        container: HTMLElement;
        cancelled: boolean;
      }
    | undefined;

  const currentPlayer = () => {
    if (!mounted) return undefined;
    if (mounted.mode === 'ours') return mounted.handle.current?.player;
    return mounted.controller?.player ?? mounted.player;
  };

  // Weak references to everything a player owned, checked after unmount + GC for leaks.
  const seen = new WeakSet<object>();
  const players: WeakRef<object>[] = [];
  const containers: WeakRef<Element>[] = [];
  const videos: WeakRef<Element>[] = [];
  function track(): void {
    const player = currentPlayer();
    if (player && !seen.has(player)) {
      seen.add(player);
      players.push(new WeakRef(player));
    }
    for (const video of document.querySelectorAll('video')) {
      if (seen.has(video)) continue;
      seen.add(video);
      videos.push(new WeakRef(video));
      const container = video.closest('.prism-player');
      if (container && !seen.has(container)) {
        seen.add(container);
        containers.push(new WeakRef(container));
      }
    }
  }

  // One root and one provider for the page's life, as in an app: players mount and unmount
  // under it (the provider's player pool outlives them).
  let oursRoot: Root | undefined;
  function renderOurs(options: MountOptions, handle?: React.RefObject<VodPlayerHandle | null>) {
    oursRoot ??= createRoot(rootElement);
    const tree = (
      <PlayAuthProvider
        endpoint={options.endpoint}
        sdk={options.sdk}
        queryClient={queryClient}
        playerPool={options.pool ?? 0}
      >
        {handle ? (
          <VodPlayer
            ref={handle}
            videoId={options.videoId}
            authInfoTimeout={options.authInfoTimeout}
            autoplay
            muted
            loop={options.loop}
            format={options.format}
            options={{ customVodServer: options.vod, customVodServerFirst: true }}
            onCredentialRenewed={() => {
              api.renewals++;
              events.push({ type: 'renewed', at: performance.now(), position: position() });
            }}
          />
        ) : null}
      </PlayAuthProvider>
    );
    oursRoot.render(options.strict ? <StrictMode>{tree}</StrictMode> : tree);
    return oursRoot;
  }

  function mountOurs(options: MountOptions): void {
    const handle = createRef<VodPlayerHandle>();
    const root = renderOurs(options, handle);
    mounted = { mode: 'ours', root, handle, queryClient, options };
  }

  /** The sequential design: load the SDK, then fetch the credential, then create the player. */
  function mountBaseline(options: MountOptions & { mode: 'baseline' | 'sdk' }): void {
    const container = document.createElement('div');
    container.id = `bench-${Math.random().toString(36).slice(2)}`;
    baselineElement.append(container);
    const state: Extract<typeof mounted, { mode: 'baseline' | 'sdk' }> = {
      mode: options.mode,
      container,
      cancelled: false,
    };
    mounted = state;
    void (async () => {
      const Aliplayer = await loadAliplayer(options.sdk);
      const credential = await fetchPlayAuth({
        endpoint: options.endpoint,
        videoId: options.videoId,
        authInfoTimeout: options.authInfoTimeout,
      });
      if (state.cancelled) return;
      if (options.mode === 'sdk') {
        // The SDK alone, no playauth code at all: what it leaves behind by itself.
        state.player = new Aliplayer({
          id: container.id,
          vid: credential.videoId,
          playauth: credential.playAuth,
          autoplay: true,
          mute: true,
          rePlay: options.loop,
          width: '100%',
          height: '100%',
          assetPrefix: aliplayerAssetPrefix(options.sdk),
          customVodServer: options.vod,
          customVodServerFirst: true,
          trackLog: false,
          disableTrack: true,
          disableDumpBuffer: true,
        });
        return;
      }
      // Same controller and options as <VodPlayer> builds, so only the ordering differs.
      const controller = new PlayerController({
        sdk: options.sdk,
        autoplay: true,
        muted: true,
        loop: options.loop,
        width: '100%',
        height: '100%',
        options: { customVodServer: options.vod, customVodServerFirst: true },
      });
      state.controller = controller;
      controller.attach(container);
      controller.load(credential);
    })().catch((error: unknown) => {
      events.push({ type: `error:${String(error)}`, at: performance.now(), position: Number.NaN });
    });
  }

  function unmount(): void {
    if (!mounted) return;
    // The player goes, the provider (and its pool) stays.
    if (mounted.mode === 'ours') renderOurs(mounted.options);
    else {
      mounted.cancelled = true;
      mounted.controller?.dispose();
      mounted.player?.dispose();
      mounted.container.remove();
    }
    mounted = undefined;
  }

  Object.assign(api, {
    mediaEvents: events,
    renewals: 0,
    mount(options) {
      if (mounted) unmount();
      const started = performance.now();
      if (options.mode === 'ours') mountOurs(options);
      else mountBaseline({ ...options, mode: options.mode });
      return started;
    },
    playingAfter(since, timeoutMs) {
      return new Promise((resolve) => {
        const deadline = performance.now() + timeoutMs;
        const check = () => {
          const hit = events.find((e) => e.type === 'playing' && e.at >= since);
          if (hit) resolve(hit.at);
          else if (performance.now() > deadline) resolve(null);
          else setTimeout(check, 10);
        };
        check();
      });
    },
    position,
    player: () => currentPlayer(),
    resources(since) {
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime >= since)
        .map((entry) => ({
          name: entry.name.replace(/[?#].*$/, '').replace(/^.*\/\/[^/]+/, ''),
          start: Math.round(entry.startTime - since),
          end: Math.round((entry as PerformanceResourceTiming).responseEnd - since),
        }));
    },
    expireCredentials() {
      // Marks cached credentials stale without refetching: the next request for one goes to the
      // backend, as it would 7000 s into playback when the SDK warns that the play URL expires.
      if (mounted?.mode === 'ours') {
        void mounted.queryClient.invalidateQueries({ queryKey: ['playauth'], refetchType: 'none' });
      }
    },
    triggerPlayerEvent(name) {
      const player = currentPlayer() as { trigger?: (type: string) => void } | undefined;
      if (typeof player?.trigger !== 'function') return false;
      player.trigger(name);
      return true;
    },
    leaks() {
      const alive = <T extends object>(refs: WeakRef<T>[]) =>
        refs.map((ref) => ref.deref()).filter((value): value is T => value !== undefined);
      return {
        players: alive(players).length,
        detachedContainers: alive(containers).filter((element) => !element.isConnected).length,
        detachedVideos: alive(videos).filter((element) => !element.isConnected).length,
        timers: window.__benchTimers?.active() ?? -1,
        prismNodes: document.querySelectorAll('.prism-player').length,
      };
    },
  } satisfies MountApi);
  return unmount;
}
