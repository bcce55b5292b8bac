import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchPlayAuth } from '@playauth/core';
import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import { buildGetPlayInfoUrl, decodePlayAuth } from '@playauth/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalBackendError } from '../LocalBackendError';
import { type LocalBackend, startLocalBackend } from '../startLocalBackend';

let backend: LocalBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const videoId = DEFAULT_VIDEO_IDS.testPattern;

describe('startLocalBackend', () => {
  it('serves real credentials from the emulator on 127.0.0.1', async () => {
    backend = await startLocalBackend();
    expect(backend.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/play-auth$/);
    expect(backend.customVodServer).toBe(backend.emulator.url);

    const response = await fetch(`${backend.endpoint}?VideoId=${videoId}&AuthInfoTimeout=300`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { PlayAuth: string; VideoMeta: { VideoId: string } };
    expect(body.VideoMeta.VideoId).toBe(videoId);
    // The emulator minted it: it decodes, and its GetVideoPlayAuth was signed by the real client.
    expect(JSON.parse(Buffer.from(body.PlayAuth, 'base64').toString('utf8'))).toHaveProperty(
      'AccessKeyId',
    );
    expect(backend.emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(backend.credentialRequests).toEqual([
      `/play-auth?VideoId=${videoId}&AuthInfoTimeout=300`,
    ]);
  });

  it('answers VOD errors from the emulator through the real handler', async () => {
    backend = await startLocalBackend();
    const response = await fetch(`${backend.endpoint}?VideoId=0000000000000000000000000000dead`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ Code: 'InvalidVideo.NotFound' });
  });

  it('passes handler options through (CORS for file: pages, authorize)', async () => {
    backend = await startLocalBackend({
      handler: { cors: { origin: ['null'] }, authorize: (_request, id) => id !== videoId },
    });
    const refused = await fetch(`${backend.endpoint}?VideoId=${videoId}`, {
      headers: { origin: 'null' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('null');
    expect(backend.emulator.count('GetVideoPlayAuth')).toBe(0);
  });

  it('answers 404 off the endpoint path, and serves a custom path', async () => {
    backend = await startLocalBackend({ path: '/api/credentials' });
    expect(backend.endpoint).toMatch(/\/api\/credentials$/);
    const other = new URL('/play-auth', backend.endpoint);
    expect((await fetch(other)).status).toBe(404);
    expect((await fetch(`${backend.endpoint}?VideoId=${videoId}`)).status).toBe(200);
  });

  it('without listen, only builds the handler to mount (endpoint is the path)', async () => {
    backend = await startLocalBackend({ listen: false, path: '/api/play-auth' });
    expect(backend.endpoint).toBe('/api/play-auth');
    const response = await backend.handler(
      new Request(`http://app.test/api/play-auth?VideoId=${videoId}`),
    );
    expect(response.status).toBe(200);
  });

  it('close() stops the server and the emulator, and may be called twice', async () => {
    backend = await startLocalBackend();
    const { endpoint, customVodServer } = backend;
    await Promise.all([backend.close(), backend.close()]);
    await expect(fetch(endpoint)).rejects.toThrow();
    await expect(fetch(customVodServer)).rejects.toThrow();
  });

  it.each([
    [{ port: -1 }, /port must be an integer from 0 to 65535/],
    [{ port: 1.5 }, /port must be an integer/],
    [{ port: 70_000 }, /port must be an integer/],
    [{ path: 'play-auth' }, /path must start with "\/"/],
    [{ path: '/a b' }, /path must start with "\/"/],
  ])('refuses bad options %j with InvalidOptions', async (options, message) => {
    const error = await startLocalBackend(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalBackendError);
    expect(error).toMatchObject({ code: 'InvalidOptions', name: 'LocalBackendError' });
    expect((error as Error).message).toMatch(message);
  });

  it('reports a taken port as ListenFailed and leaves no emulator running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const error = await startLocalBackend({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalBackendError);
      expect(error).toMatchObject({ code: 'ListenFailed' });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).toContain('port: 0');
      expect((error as Error).cause).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reports an emulator that cannot start as EmulatorFailed', async () => {
    const error = await startLocalBackend({ emulator: { accessKeys: [] } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalBackendError);
    expect(error).toMatchObject({ code: 'EmulatorFailed' });
    expect((error as Error).message).toMatch(/emulator did not start/);
  });
});

describe('startLocalBackend: hlsEncryption', () => {
  it('one credential request gives the token; the key URI of the encrypted playlist opens the key', async () => {
    backend = await startLocalBackend({ emulator: { renditions: true }, hlsEncryption: true });
    const id = DEFAULT_VIDEO_IDS.encrypted;
    expect(backend.keyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hls-key$/);
    const credential = await fetchPlayAuth({ endpoint: backend.endpoint, videoId: id });
    expect(credential.hlsUriToken).toMatch(/^v1\./);
    // What the player does: GetPlayInfo with playConfig, then the playlist, then its key URI.
    const url = await buildGetPlayInfoUrl({
      videoId: id,
      token: decodePlayAuth(credential.playAuth),
      playerVersion: '2.37.7',
      playConfig: { MtsHlsUriToken: credential.hlsUriToken },
      customVodServer: backend.customVodServer,
    });
    const info = (await (await fetch(url)).json()) as {
      PlayInfoList: { PlayInfo: Array<{ PlayURL: string; Encrypt: number }> };
    };
    const stream = info.PlayInfoList.PlayInfo[0];
    expect(stream?.Encrypt).toBe(1);
    const playlist = await (await fetch(stream?.PlayURL ?? '')).text();
    const keyUri = /URI="([^"]+)"/.exec(playlist)?.[1] ?? '';
    expect(keyUri.startsWith(`${backend.keyUrl}?Ciphertext=`)).toBe(true);
    const key = await fetch(keyUri);
    expect(key.status).toBe(200);
    expect((await key.arrayBuffer()).byteLength).toBe(16);
    expect(backend.keyRequests).toHaveLength(1);
    const noToken = new URL(keyUri);
    noToken.searchParams.delete('MtsHlsUriToken');
    expect((await fetch(noToken)).status).toBe(403);
  }, 30_000);

  it('has no token and no key service without the option; refuses a keyPath equal to the endpoint', async () => {
    backend = await startLocalBackend();
    expect(backend.keyUrl).toBeUndefined();
    const credential = await fetchPlayAuth({ endpoint: backend.endpoint, videoId });
    expect(credential.hlsUriToken).toBeUndefined();
    await backend.close();
    backend = undefined;
    await expect(
      startLocalBackend({ hlsEncryption: { keyPath: '/play-auth' } }),
    ).rejects.toMatchObject({ code: 'InvalidOptions' });
  });
});
