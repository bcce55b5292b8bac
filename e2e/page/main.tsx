import { type AliplayerScriptSource, loadAliplayer } from '@playauth/core';
import { PlayAuthProvider, VodPlayer, type VodPlayerHandle } from '@playauth/react';
import { FakeAliplayer } from '@playauth/testing';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { runAliplayerScenario } from '../../packages/testing/src/contract/aliplayerScenarios';
import type { PageApi, PageEvent } from './pageApi';

// Everything this page talks to comes in through its URL (it is opened as a file: URL).
const query = new URLSearchParams(location.search);
const required = (name: string): string => {
  const value = query.get(name);
  if (!value) throw new Error(`e2e page: query parameter "${name}" is required`);
  return value;
};
const sdkBase = required('sdk');
const sdk: AliplayerScriptSource = {
  script: `${sdkBase}aliplayer-min.js`,
  css: `${sdkBase}skins/default/aliplayer-min.css`,
  // Absolute: a relative assetPrefix resolves against the page's folder.
  assetPrefix: sdkBase,
};
const scenario = query.get('scenario') ?? 'player';
const authInfoTimeout = query.has('authInfoTimeout')
  ? Number(query.get('authInfoTimeout'))
  : undefined;

const events: PageEvent[] = [];
const log = (type: string, detail?: string | number) =>
  events.push({ type, at: performance.now(), ...(detail === undefined ? {} : { detail }) });

function PlayerPage({ api }: { api: Partial<PageApi> }) {
  const [videoId, setVideoId] = useState(required('videoId'));
  const [mounted, setMounted] = useState(true);
  const handle = useRef<VodPlayerHandle>(null);
  useEffect(() => {
    api.setVideoId = (id) => setVideoId(id);
    api.unmount = () => setMounted(false);
    api.mount = () => setMounted(true);
    api.getCurrentTime = () => handle.current?.getCurrentTime() ?? Number.NaN;
    api.seek = (seconds) => handle.current?.seek(seconds);
    api.renew = async () => handle.current?.renew();
    api.handle = () => handle.current;
  }, [api]);
  if (!mounted) return <p data-testid="unmounted">Player unmounted.</p>;
  return (
    <VodPlayer
      ref={handle}
      videoId={videoId}
      authInfoTimeout={authInfoTimeout}
      autoplay={query.get('autoplay') !== '0'}
      muted
      loop={query.get('loop') === '1'}
      showTitle
      options={{
        customVodServer: required('vod'),
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
    />
  );
}

const api: Partial<PageApi> = {
  sdk,
  events,
  loadSdk: () => loadAliplayer(sdk),
  async contract(scenario, implementation, fixture) {
    const Player = implementation === 'real' ? await loadAliplayer(sdk) : FakeAliplayer;
    const { missingVideoId, missingPlayAuth, expiredPlayAuth } = fixture;
    const fresh = [...fixture.playAuths];
    const playAuth = (videoId: string) => {
      if (videoId === missingVideoId) return missingPlayAuth;
      const auth = fresh.shift();
      if (!auth) throw new Error('e2e contract: the fixture has too few PlayAuths');
      return auth;
    };
    return runAliplayerScenario(
      scenario,
      Player,
      { ...fixture, playAuth, expiredPlayAuth: () => expiredPlayAuth },
      fixture.timeoutMs,
    );
  },
  video() {
    const element = document.querySelector('video');
    if (!element) return null;
    const { currentTime, paused, currentSrc, readyState } = element;
    return { currentTime, paused, src: currentSrc, readyState };
  },
};
window.playauthE2e = api as PageApi;

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('e2e page: #root missing');
if (scenario === 'player') {
  const queryClient = new QueryClient();
  const tree = (
    <PlayAuthProvider endpoint={required('endpoint')} sdk={sdk} queryClient={queryClient}>
      <PlayerPage api={api} />
    </PlayAuthProvider>
  );
  createRoot(rootElement).render(
    query.get('strict') === '1' ? <StrictMode>{tree}</StrictMode> : tree,
  );
}
