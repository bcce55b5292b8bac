import type { AddressInfo } from 'node:net';
import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_ALIPLAYER_PATH,
  LOCAL_DEV_INFO_PATH,
  LOCAL_PLAY_AUTH_PATH,
  type LocalBackendDevInfo,
} from '../localBackendPaths';
import { localBackendVitePlugin } from '../localBackendVitePlugin';
import { workspaceAlias } from '../workspaceAlias';

// The plugin as `npm start` mounts it in Storybook's dev server: a real Vite dev server on
// 127.0.0.1, packages from their sources through the workspace alias.
let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    logLevel: 'silent',
    root: new URL('../../', import.meta.url).pathname,
    resolve: { alias: workspaceAlias() },
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    plugins: [localBackendVitePlugin({ devInfo: { engine: 'fake' } })],
  });
  await server.listen();
  origin = `http://127.0.0.1:${(server.httpServer?.address() as AddressInfo | null)?.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('localBackendVitePlugin', () => {
  it('answers credentials from the real handler at /api/play-auth', async () => {
    const videoId = DEFAULT_VIDEO_IDS.testPattern;
    const response = await fetch(`${origin}${LOCAL_PLAY_AUTH_PATH}?VideoId=${videoId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      VideoMeta: { VideoId: videoId, Status: 'Normal' },
    });
  });

  it('describes the backend at the dev-info path, with the app fields', async () => {
    const info = (await (
      await fetch(`${origin}${LOCAL_DEV_INFO_PATH}`)
    ).json()) as LocalBackendDevInfo & { engine: string };
    expect(info).toMatchObject({
      endpoint: LOCAL_PLAY_AUTH_PATH,
      aliplayerPath: LOCAL_ALIPLAYER_PATH,
      engine: 'fake',
    });
    // The emulator answers GetPlayInfo there (an unsigned request is refused, as VOD does).
    const vod = await fetch(`${info.customVodServer}/?Action=GetPlayInfo`);
    expect(vod.status).toBeGreaterThanOrEqual(400);
    expect(await vod.json()).toHaveProperty('Code');
  });

  it('serves the installed SDK build untransformed, and nothing outside it', async () => {
    const script = await fetch(`${origin}${LOCAL_ALIPLAYER_PATH}aliplayer-min.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
    const outside = await fetch(`${origin}${LOCAL_ALIPLAYER_PATH}..%2F..%2Fpackage.json`);
    expect(await outside.text()).not.toContain('"aliyun-aliplayer"');
  });

  it('stops the emulator with the dev server', async () => {
    const info = (await (
      await fetch(`${origin}${LOCAL_DEV_INFO_PATH}`)
    ).json()) as LocalBackendDevInfo;
    await server.close();
    await expect(fetch(info.customVodServer)).rejects.toThrow();
  });
});
