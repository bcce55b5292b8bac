import { createPlayAuth, FakeAliplayer } from '@playauth/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parsePlayInfoBody } from '../aliplayer/requestPlayInfo';
import {
  nextEvent,
  playerInNewContainer,
  recordEvents,
  setUpFakeAliplayerPage,
} from './fakeAliplayerTestUtils';

// Definitions, loadByUrl, `source`, HLS standard encryption (Encrypt: 1 streams and the key
// check) of FakeAliplayer.

const MEDIA = 'http://127.0.0.1:9999/media';
const page = setUpFakeAliplayerPage({
  multi: { title: 'Multi', duration: 30, definitions: ['LD', 'SD', 'HD'] },
  locked: { title: 'Locked', duration: 30, playUrl: `${MEDIA}/locked.m3u8` },
  gone: { title: 'Gone key', duration: 30, playUrl: `${MEDIA}/gone.m3u8` },
  open: { title: 'Open key', duration: 30, playUrl: `${MEDIA}/open.m3u8` },
});

const playlist = (key: string) =>
  new HttpResponse(
    `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-KEY:METHOD=AES-128,URI="${key}"\n#EXTINF:2,\nseg-000.ts\n#EXT-X-ENDLIST\n`,
    { headers: { 'content-type': 'application/vnd.apple.mpegurl' } },
  );
const server = setupServer(
  http.get(`${MEDIA}/locked.m3u8`, () => playlist('https://keys.test/decrypt?MtsHlsUriToken=x')),
  http.get(`${MEDIA}/gone.m3u8`, () => playlist('/decrypt/gone')),
  http.get(`${MEDIA}/open.m3u8`, () => playlist('key.bin')),
  http.get('https://keys.test/decrypt', () => new HttpResponse(null, { status: 403 })),
  http.get('http://127.0.0.1:9999/decrypt/gone', () => new HttpResponse(null, { status: 401 })),
  http.get(`${MEDIA}/key.bin`, () => new HttpResponse(new Uint8Array(16))),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const create = (vid: string, options: Record<string, unknown> = {}) =>
  new FakeAliplayer({ id: page.container.id, vid, playauth: createPlayAuth(vid), ...options });

describe('definitions', () => {
  test('lists one stream per definition; defaultDefinition picks one; source is its URL', async () => {
    const player = create('multi', { defaultDefinition: 'SD' });
    const loaded = await nextEvent(player, 'playInfoLoaded');
    const urls = (loaded.paramData as { urls: Array<{ definition: string; Url: string }> }).urls;
    expect(urls.map((stream) => stream.definition)).toEqual(['LD', 'SD', 'HD']);
    await nextEvent(player, 'canplay');
    expect(player.playInfo?.definition).toBe('SD');
    expect(player.getOptions().source).toBe(urls[1]?.Url);
  });

  test('without defaultDefinition plays the first', async () => {
    const player = create('multi');
    await nextEvent(player, 'canplay');
    expect(player.playInfo?.definition).toBe('LD');
  });

  test('loadByUrl with keepVideo switches definition from `seconds`, as the SDK quality menu', async () => {
    const player = create('multi', { autoplay: false });
    const loaded = await nextEvent(player, 'playInfoLoaded');
    await nextEvent(player, 'canplay');
    const hd = (loaded.paramData as { urls: Array<{ Url: string }> }).urls[2]?.Url as string;
    const log = recordEvents(player, ['playInfoLoaded', 'sourceloaded', 'changeURL', 'canplay']);
    player.loadByUrl(hd, 12, false, true);
    await nextEvent(player, 'canplay');
    expect(player.playInfo?.definition).toBe('HD');
    expect(player.getCurrentTime()).toBe(12);
    expect(player.getOptions()).toMatchObject({ vid: 'multi', source: hd });
    // No new play info, no new source list: only the media events of the new URL.
    expect(log.seen).toEqual(['canplay']);
  });

  test('loadByUrl without keepVideo plays a direct URL and forgets vid', async () => {
    const player = create('multi');
    await nextEvent(player, 'canplay');
    player.loadByUrl('https://cdn.test/other.mp4');
    await nextEvent(player, 'canplay');
    expect(player.getOptions().vid).toBeUndefined();
    expect(player.playInfo).toMatchObject({
      url: 'https://cdn.test/other.mp4',
      definition: 'custom',
    });
  });
});

describe('formats', () => {
  const body = {
    RequestId: 'r',
    VideoBase: { Title: 'T', Duration: '6' },
    PlayInfoList: {
      PlayInfo: [
        { Definition: 'LD', Format: 'mp4', PlayURL: 'https://m/ld.mp4' },
        { Definition: 'LD', Format: 'm3u8', PlayURL: 'https://m/ld.m3u8' },
        { Definition: 'SD', Format: 'm3u8', PlayURL: 'https://m/sd.m3u8', Encrypt: 1 },
      ],
    },
  };
  const formatsOf = (result: ReturnType<typeof parsePlayInfoBody>) =>
    result.ok ? result.info.data.urls.map((stream) => `${stream.definition}/${stream.format}`) : [];

  test('keeps MP4 when the answer has it (the SDK sort), the asked format when given', () => {
    expect(formatsOf(parsePlayInfoBody('v', body))).toEqual(['LD/mp4']);
    expect(formatsOf(parsePlayInfoBody('v', body, 'm3u8'))).toEqual(['LD/m3u8', 'SD/m3u8']);
  });

  test('keeps encrypted streams (Encrypt: 1), as the SDK VOD path does', () => {
    const result = parsePlayInfoBody('v', body, 'm3u8');
    expect(result.ok && result.info.data.urls[1]?.encrypt).toBe(1);
  });
});

describe('HLS standard encryption: the key check (checkPlayUrl "fetch")', () => {
  test.each([
    ['locked', 4025], // the decryption service answers 403
    ['gone', 4009], // any other refusal
  ])('%s: a refused key fails like hls.js keyLoadError (%i)', async (vid, code) => {
    const { player } = playerInNewContainer(vid, { fake: { checkPlayUrl: 'fetch' } });
    const error = await nextEvent(player, 'error');
    expect(error.paramData).toMatchObject({ error_code: code, error_msg: 'keyLoadError' });
  });

  test('a key the service answers plays', async () => {
    const { player } = playerInNewContainer('open', { fake: { checkPlayUrl: 'fetch' } });
    await nextEvent(player, 'playing');
    expect(player.playInfo?.format).toBe('m3u8');
  });
});
