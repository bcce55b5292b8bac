import { type AliplayerScriptSource, loadAliplayer } from '@playauth/core';
import { PlayAuthProvider, VodPlayer, type VodPlayerHandle } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { runAliplayerScenario } from '@playauth/testing/contract';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PlayerScenarioApi } from './PageApi';

/** Reads a query parameter the `player` and `contract` scenarios cannot do without. */
function required(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new Error(`test page: query parameter "${name}" is required`);
  return value;
}

/** The installed SDK build the query's `sdk` points at (file: URLs). */
function sdkSource(query: URLSearchParams): AliplayerScriptSource {
  const base = required(query, 'sdk');
  // Absolute: a relative assetPrefix resolves against the page's folder.
  return {
    script: `${base}aliplayer-min.js`,
    css: `${base}skins/default/aliplayer-min.css`,
    assetPrefix: base,
  };
}

const notMounted = (): never => {
  throw new Error('test page: no <VodPlayer> is mounted (open the page with scenario=player)');
};

/**
 * Installs the `player` and `contract` scenarios' members into `api`; everything they talk to
 * comes in through the page's query (`sdk`, `endpoint`, `vod`, `videoId`…), read when needed.
 * Returns the scenario's part of `unmount()`.
 */
export function installPlayerScenario(api: PlayerScenarioApi, query: URLSearchParams): () => void {
  api.events = [];
  api.setVideoId = notMounted;
  api.remount = notMounted;
  api.getCurrentTime = notMounted;
  api.seek = notMounted;
  api.renew = async () => notMounted();
  api.handle = () => null;
  api.loadSdk = () => loadAliplayer(sdkSource(query));
  api.contract = async (scenario, implementation, fixture) => {
    const Player =
      implementation === 'real' ? await loadAliplayer(sdkSource(query)) : FakeAliplayer;
    const { missingVideoId, missingPlayAuth, expiredPlayAuth } = fixture;
    const fresh = [...fixture.playAuths];
    const playAuth = (videoId: string) => {
      if (videoId === missingVideoId) return missingPlayAuth;
      const auth = fresh.shift();
      if (!auth) throw new Error('test page contract: the fixture has too few PlayAuths');
      return auth;
    };
    return runAliplayerScenario(
      scenario,
      Player,
      { ...fixture, playAuth, expiredPlayAuth: () => expiredPlayAuth },
      fixture.timeoutMs,
    );
  };
  // Before the player rendered (or in another scenario) there is nothing to unmount.
  return () => unmountPlayer?.();
}

let unmountPlayer: (() => void) | undefined;

/** Renders the query's `<VodPlayer>` into `element` (scenario `player`). */
export function renderPlayerScenario(
  api: PlayerScenarioApi,
  query: URLSearchParams,
  element: HTMLElement,
): void {
  if (query.get('fake') === 'mp4') FakeAliplayer.configure({ hlsPlayback: 'mp4' });
  const tree = (
    <PlayAuthProvider
      endpoint={required(query, 'endpoint')}
      sdk={query.has('fake') ? FakeAliplayer : sdkSource(query)}
      queryClient={new QueryClient()}
      playerPool={query.has('pool') ? Number(query.get('pool')) : undefined}
    >
      <PlayerPage api={api} query={query} />
    </PlayAuthProvider>
  );
  createRoot(element).render(query.get('strict') === '1' ? <StrictMode>{tree}</StrictMode> : tree);
}

function PlayerPage({ api, query }: { api: PlayerScenarioApi; query: URLSearchParams }) {
  const [videoId, setVideoId] = useState(() => required(query, 'videoId'));
  const [mounted, setMounted] = useState(true);
  const handle = useRef<VodPlayerHandle>(null);
  useEffect(() => {
    api.setVideoId = (id) => setVideoId(id);
    api.remount = () => setMounted(true);
    unmountPlayer = () => setMounted(false);
    api.getCurrentTime = () => handle.current?.getCurrentTime() ?? Number.NaN;
    api.seek = (seconds) => handle.current?.seek(seconds);
    api.renew = async () => handle.current?.renew();
    api.handle = () => handle.current;
  }, [api]);
  if (!mounted) return <p data-testid="unmounted">Player unmounted.</p>;
  const log = (type: string, detail?: string | number) =>
    api.events.push({ type, at: performance.now(), ...(detail === undefined ? {} : { detail }) });
  const authInfoTimeout = query.has('authInfoTimeout')
    ? Number(query.get('authInfoTimeout'))
    : undefined;
  return (
    <VodPlayer
      ref={handle}
      videoId={videoId}
      authInfoTimeout={authInfoTimeout}
      autoplay={query.get('autoplay') !== '0'}
      muted
      loop={query.get('loop') === '1'}
      format={(query.get('format') as 'hls' | 'mp4' | null) ?? undefined}
      definition={query.get('definition') ?? undefined}
      showTitle
      options={{
        customVodServer: required(query, 'vod'),
        customVodServerFirst: true,
        ...(query.has('authTimeout') ? { authTimeout: Number(query.get('authTimeout')) } : {}),
      }}
      onReady={() => log('ready')}
      onPlay={() => log('play')}
      onPause={() => log('pause')}
      onEnded={() => log('ended')}
      onTimeUpdate={() => log('timeupdate', handle.current?.getCurrentTime())}
      onError={(error) => log('error', (error as { code?: string }).code ?? error.message)}
      onCredentialRenewed={(credential) => log('renewed', credential.videoId)}
      onRateChange={() => log('ratechange')}
      onVolumeChange={() => log('volumechange')}
      onFullscreenChange={(event) => log(event.type)}
      onDefinitionChange={(event) => log(event.type, event.paramData.definition)}
    />
  );
}
