import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerLicense,
  AliplayerOptions,
} from '@playauth/core';
import { loadAliplayer } from '@playauth/core';
import { FakeAliplayer, type FakeVideoCatalog } from '@playauth/testing';
import { getPlayInfoHandlers, playAuthHandlers } from '@playauth/testing/msw';
import { type HttpHandler, HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import {
  LOCAL_DEV_INFO_PATH,
  LOCAL_PLAY_AUTH_PATH,
  type LocalBackendDevInfo,
} from '../dev/localBackendPaths';
import type { StorybookCatalogueEntry } from './catalogue';
import type { StorybookRuntimeConfig } from './playerEngine';

// Browser side of the Storybook setup. Three modes, one set of stories:
// - dev (`npm start`): the dev server carries the emulator and the real handler; credentials,
//   GetPlayInfo, covers and media are all real, MSW only serves the two "flaky" demo routes;
// - static (`npm run build-storybook`) and test (Vitest): no server, so MSW stands in for the
//   credential endpoint and GetPlayInfo, with the same catalogue, and the emulator's sample clips
//   are served as static files from /media/.

export const runtime: StorybookRuntimeConfig = __PLAYAUTH_STORYBOOK__;
export const catalogue = __PLAYAUTH_CATALOGUE__;

/** Where every story fetches credentials (same origin in all modes). */
export const PLAY_AUTH_ENDPOINT = LOCAL_PLAY_AUTH_PATH;
/** A credential endpoint the "backend down" story can switch off and on (always MSW). */
export const FLAKY_ENDPOINT = '/api/play-auth-flaky';
/** An SDK script URL the "SDK load failure" story can break and mend (always MSW). */
export const FLAKY_SDK_URL = '/__playauth/flaky-sdk/aliplayer-min.js';
const MOCK_VOD_PATH = '/__playauth/mock-vod/';

/** Switches of the simulated failures; the stories flip them (a checkbox, their play functions). */
export const simulated = { backendUp: false, sdkUp: false };

/** Video ids of the catalogue by role, so stories read like the emulator's README. */
export const videos = {
  testPattern: idOf('Normal', 0),
  colourBars: idOf('Normal', 1),
  shortFilm: idOf('Normal', 2),
  transcoding: catalogue.find((v) => v.status === 'Transcoding')?.videoId ?? 'missing',
  /** Well-formed, but in no catalogue: "not found". */
  missing: '0000000000000000000000000000dead',
};

function idOf(status: string, index: number): string {
  const video = catalogue.filter((v) => v.status === status)[index];
  if (!video) throw new Error(`The emulator catalogue has no ${status} video #${index}`);
  return video.videoId;
}

/**
 * A cover image URL for a catalogue video that works in every mode (an MSW route), for stories
 * that pass `cover` themselves, as an app does with covers from its own data.
 */
export function storyCoverUrl(videoId: string): string {
  return `${location.origin}${MOCK_VOD_PATH}cover/${videoId}.svg`;
}

/** The catalogue as MSW's stand-ins see it: covers from MSW, clips from /media/. */
function mockCatalogue(origin: string): FakeVideoCatalog {
  return catalogue.map((video) => ({
    videoId: video.videoId,
    title: video.title,
    duration: video.duration,
    status: video.status as 'Normal',
    coverUrl: storyCoverUrl(video.videoId),
    ...(video.media ? { playUrl: `${origin}/media/${video.media}` } : {}),
  }));
}

/** What `npm start`'s dev server reports at {@link LOCAL_DEV_INFO_PATH} (see .storybook/main.ts). */
export interface PlayAuthDevInfo extends LocalBackendDevInfo {
  engine: StorybookRuntimeConfig['engine'];
  engineReason: string;
  /** The emulator's catalogue (ids to try). */
  videos: readonly Omit<StorybookCatalogueEntry, 'coverSvg'>[];
}

/** What the decorator needs to know about the mode it runs in. */
export interface StoryEnvironment {
  runtime: StorybookRuntimeConfig;
  /** Present under `npm start`. */
  dev?: PlayAuthDevInfo;
  /** `customVodServer` for the players: the emulator, or MSW's stand-in. */
  customVodServer: string;
  /** The engine handed to `PlayAuthProvider` as `sdk`. */
  sdk: AliplayerConstructor | (() => Promise<AliplayerConstructor>);
  license?: AliplayerLicense;
  /** One line for the on-screen note: where credentials come from. */
  credentialsNote: string;
}

let environment: Promise<StoryEnvironment> | undefined;
/** Player options every story player gets (set once the environment is loaded). */
let playerDefaults: Partial<AliplayerOptions> = {};

/**
 * Wraps a player constructor (e.g. a story's special fake) with this mode's defaults, read when a
 * player is built, so it talks to the same VOD server as every other story.
 */
export function withStoryDefaults(Player: AliplayerConstructor): AliplayerConstructor {
  function StoryPlayer(options: AliplayerOptions, ready?: (player: Aliplayer) => void) {
    return new (withDefaults(Player, playerDefaults))(options, ready);
  }
  StoryPlayer.getVersion = () => Player.getVersion?.() ?? 'unknown';
  return StoryPlayer as unknown as AliplayerConstructor;
}

/** Resolves the environment once per page (a Storybook loader awaits it before rendering). */
export function loadStoryEnvironment(): Promise<StoryEnvironment> {
  environment ??= createEnvironment().catch((error: unknown) => {
    environment = undefined;
    throw error;
  });
  return environment;
}

async function createEnvironment(): Promise<StoryEnvironment> {
  const dev = runtime.devMiddleware ? await fetchDevInfo() : undefined;
  const customVodServer = dev?.customVodServer ?? `${location.origin}${MOCK_VOD_PATH}`;
  // customVodServerFirst: otherwise the SDK asks vod.<region>.aliyuncs.com first.
  const defaults: Partial<AliplayerOptions> = { customVodServer, customVodServerFirst: true };
  playerDefaults = defaults;
  let sdk: StoryEnvironment['sdk'];
  if (runtime.engine === 'aliplayer' && dev) {
    const base = `${location.origin}${dev.aliplayerPath}`;
    const source = {
      script: `${base}aliplayer-min.js`,
      css: `${base}skins/default/aliplayer-min.css`,
    };
    // Absolute (or the SDK resolves its lazy parts against the page's folder), no trailing slash.
    const real = { ...defaults, assetPrefix: base.replace(/\/$/, '') };
    sdk = async () => withDefaults(await loadAliplayer(source), real);
  } else {
    sdk = withDefaults(FakeAliplayer, defaults);
  }
  // The SDK-failure story loads a player through a script that sets window.Aliplayer.
  (window as unknown as { playauthStoryEngine?: unknown }).playauthStoryEngine = withDefaults(
    FakeAliplayer,
    defaults,
  );
  return {
    runtime,
    dev,
    customVodServer,
    sdk,
    license: runtime.license,
    credentialsNote: dev
      ? `Credentials: the real createPlayAuthHandler at ${dev.endpoint}, signing requests to the local VOD emulator (${dev.customVodServer}).`
      : 'Credentials: MSW handlers from @playauth/testing stand in for the endpoint and GetPlayInfo (no server in this mode).',
  };
}

async function fetchDevInfo(): Promise<PlayAuthDevInfo> {
  const response = await fetch(LOCAL_DEV_INFO_PATH, { cache: 'no-store' });
  if (!response.ok) throw new Error(`playauth dev middleware answered ${response.status}`);
  return (await response.json()) as PlayAuthDevInfo;
}

/**
 * Wraps a player constructor so every player gets `defaults` (e.g. `customVodServer`) unless the
 * story sets them: stories then show exactly the code an app writes.
 */
export function withDefaults(
  Player: AliplayerConstructor,
  defaults: Partial<AliplayerOptions>,
): AliplayerConstructor {
  function StoryAliplayer(options: AliplayerOptions, ready?: (player: Aliplayer) => void) {
    const merged: AliplayerOptions = { ...options };
    for (const [key, value] of Object.entries(defaults)) merged[key] ??= value;
    return new Player(merged, ready);
  }
  StoryAliplayer.getVersion = () => Player.getVersion?.() ?? 'unknown';
  return StoryAliplayer as unknown as AliplayerConstructor;
}

/**
 * Starts MSW for `npm start`, where the real handler, the emulator and the SDK files answer every
 * request MSW has no handler for: those pass through silently (the addon's default setup would
 * warn "intercepted a request without a matching request handler" for each). Other modes keep the
 * default, where such a warning means a stand-in is missing.
 */
export async function startPassThroughWorker(): Promise<SetupWorker> {
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker();
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return worker;
}

/**
 * MSW handlers for every story. Without the dev middleware they answer credentials and GetPlayInfo;
 * in every mode they serve covers and the two switchable failure routes.
 */
export function storyHandlers(): Record<string, HttpHandler[]> {
  const flaky = {
    flakyEndpoint: [
      http.get(FLAKY_ENDPOINT, ({ request }) => {
        if (!simulated.backendUp) return HttpResponse.error();
        // Up again: forward to the normal endpoint (the real handler, or its MSW stand-in).
        return fetch(`${PLAY_AUTH_ENDPOINT}${new URL(request.url).search}`);
      }),
    ],
    flakySdk: [
      http.get(FLAKY_SDK_URL, () =>
        simulated.sdkUp
          ? new HttpResponse('window.Aliplayer = window.playauthStoryEngine;', {
              headers: { 'content-type': 'text/javascript' },
            })
          : new HttpResponse('SDK host unavailable (simulated)', { status: 503 }),
      ),
    ],
  };
  const covers = [
    http.get(`${location.origin}${MOCK_VOD_PATH}cover/:file`, ({ params }) => {
      const videoId = String(params.file).replace(/\.svg$/, '');
      const video = catalogue.find((v) => v.videoId === videoId);
      if (!video) return new HttpResponse(null, { status: 404 });
      return new HttpResponse(video.coverSvg, {
        headers: { 'content-type': 'image/svg+xml' },
      });
    }),
  ];
  if (runtime.devMiddleware) return { ...flaky, covers };
  const origin = location.origin;
  const mocked = mockCatalogue(origin);
  return {
    ...flaky,
    covers,
    playAuth: playAuthHandlers({ endpoint: PLAY_AUTH_ENDPOINT, videos: mocked }),
    getPlayInfo: getPlayInfoHandlers({ endpoint: `${origin}${MOCK_VOD_PATH}`, videos: mocked }),
  };
}
