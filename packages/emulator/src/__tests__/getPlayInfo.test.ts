import { readFile } from 'node:fs/promises';
import type { GetPlayInfoBody } from '@playauth/vod-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS, SAMPLE_MEDIA } from '../catalogue';
import { createManualClock } from '../clock';
import { decodePlayAuth, type PlayAuthPayload } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { sdkGetPlayInfoUrl, signV3 } from './signers';

const ID = DEFAULT_VIDEO_IDS.testPattern;
const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
let emulator: VodEmulator;
let sample: Buffer;

beforeAll(async () => {
  emulator = await startVodEmulator({ clock });
  sample = await readFile(SAMPLE_MEDIA.testPattern.file);
});
afterAll(() => emulator.close());
beforeEach(() => clock.set(Date.UTC(2026, 0, 5, 8, 0, 0)));

/** A PlayAuth minted through a real signed GetVideoPlayAuth call. */
async function playAuthFor(videoId: string, timeout = 100): Promise<PlayAuthPayload> {
  const { url, init } = signV3({
    baseUrl: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    query: { VideoId: videoId, AuthInfoTimeout: String(timeout) },
    date: new Date(clock.now()),
  });
  const res = await fetch(url, init);
  expect(res.status).toBe(200);
  return decodePlayAuth(((await res.json()) as { PlayAuth: string }).PlayAuth);
}

type ApiBody = GetPlayInfoBody & { Code?: string; Message?: string };

async function getJson(url: string, headers?: Record<string, string>) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as ApiBody, res };
}

describe('GetPlayInfo as the Aliplayer SDK sends it', () => {
  it('answers VideoBase and an MP4 PlayInfo for a fresh PlayAuth (at /)', async () => {
    const auth = await playAuthFor(ID);
    const { status, body, res } = await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID), {
      origin: 'null',
    });
    expect(status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.VideoBase).toMatchObject({
      VideoId: ID,
      Title: 'Test pattern with a 440 Hz tone',
      Status: 'Normal',
      MediaType: 'video',
      OutputType: 'oss',
      CoverURL: `${emulator.url}/cover/${ID}.svg`,
    });
    const [info, ...rest] = body.PlayInfoList.PlayInfo;
    expect(rest).toEqual([]);
    expect(info).toMatchObject({
      Definition: 'SD',
      Format: 'mp4',
      Width: 320,
      Height: 180,
      Encrypt: 0,
      StreamType: 'video',
      Status: 'Normal',
      Size: sample.length,
    });
    expect(info?.PlayURL).toMatch(
      new RegExp(`^${emulator.url}/media/${ID}\\.mp4\\?auth_key=\\d+-[0-9a-f]+-0-[0-9a-f]{32}$`),
    );
    expect(Number(info?.Bitrate)).toBeGreaterThan(50);
    expect(emulator.requests.at(-1)).toMatchObject({
      action: 'GetPlayInfo',
      code: 'OK',
      signatureVersion: 'v2',
    });
  });

  it('answers at a customVodServer URL (any path, RegionId appended unsigned)', async () => {
    const auth = await playAuthFor(ID);
    const url = sdkGetPlayInfoUrl(`${emulator.url}/vod/playinfo`, auth, ID, {
      customVodServer: true,
    });
    expect(url).toContain('&RegionId=cn-shanghai');
    const { status, body } = await getJson(url);
    expect(status).toBe(200);
    expect(body.VideoBase.VideoId).toBe(ID);
  });

  it('lets the same PlayAuth fetch play info again (new nonce), as replays and retries do', async () => {
    const auth = await playAuthFor(ID);
    expect((await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID))).status).toBe(200);
    expect((await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID))).status).toBe(200);
  });

  it('refuses a reused nonce (the SDK reports 4024)', async () => {
    const auth = await playAuthFor(ID);
    const url = sdkGetPlayInfoUrl(emulator.url, auth, ID);
    expect((await getJson(url)).status).toBe(200);
    expect((await getJson(url)).body.Code).toBe('SignatureNonceUsed');
  });

  it('refuses a GetPlayInfo without Timestamp replayed after the 15-minute nonce window', async () => {
    // The SDK sends no Timestamp, so the nonce is the only replay guard while the PlayAuth lives.
    const auth = await playAuthFor(ID, 3000);
    const url = sdkGetPlayInfoUrl(emulator.url, auth, ID);
    expect((await getJson(url)).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID))).status).toBe(200);
    expect((await getJson(url)).body.Code).toBe('SignatureNonceUsed');
    clock.advance(30 * 60_000);
    expect((await getJson(url)).body.Code).toBe('SignatureNonceUsed');
  });

  it('answers InvalidAuthInfo.ExpireTime (403) once the emulator clock passes AuthInfoTimeout', async () => {
    const auth = await playAuthFor(ID, 100);
    clock.advance(99_000);
    expect((await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID))).status).toBe(200);
    clock.advance(1_000);
    const { status, body } = await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID));
    expect([status, body.Code]).toEqual([403, 'InvalidAuthInfo.ExpireTime']);
    expect(body.Message).toContain('GetVideoPlayAuth');
  });

  it('answers InvalidAuthInfo.MediaId (403) for a PlayAuth of another video', async () => {
    const auth = await playAuthFor(DEFAULT_VIDEO_IDS.colourBars);
    const { status, body } = await getJson(sdkGetPlayInfoUrl(emulator.url, auth, ID));
    expect([status, body.Code]).toEqual([403, 'InvalidAuthInfo.MediaId']);
  });

  it('refuses an AuthInfo edited by hand (later ExpireTime) even when re-signed', async () => {
    const auth = await playAuthFor(ID);
    const info = JSON.parse(auth.AuthInfo) as Record<string, string>;
    const forged = JSON.stringify({ ...info, ExpireTime: '2099-01-01T00:00:00Z' });
    const { status, body } = await getJson(
      sdkGetPlayInfoUrl(emulator.url, { ...auth, AuthInfo: forged }, ID),
    );
    expect([status, body.Code]).toEqual([403, 'InvalidAuthInfo.Signature']);
  });

  it('refuses a signature made with another secret, and an unknown STS key', async () => {
    const auth = await playAuthFor(ID);
    const wrong = await getJson(
      sdkGetPlayInfoUrl(emulator.url, { ...auth, AccessKeySecret: 'x' }, ID),
    );
    expect([wrong.status, wrong.body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    const made = await getJson(
      sdkGetPlayInfoUrl(
        emulator.url,
        { ...auth, AccessKeyId: 'STS.madeup', AccessKeySecret: 'b' },
        ID,
      ),
    );
    expect([made.status, made.body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('refuses a request whose VideoId was changed after signing', async () => {
    const auth = await playAuthFor(ID);
    const url = sdkGetPlayInfoUrl(emulator.url, auth, ID).replace(
      `VideoId=${ID}`,
      `VideoId=${DEFAULT_VIDEO_IDS.colourBars}`,
    );
    expect((await getJson(url)).body.Code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a PlayAuth security token that does not belong to the key', async () => {
    const a = await playAuthFor(ID);
    const b = await playAuthFor(ID);
    const { body } = await getJson(
      sdkGetPlayInfoUrl(emulator.url, { ...a, SecurityToken: b.SecurityToken }, ID),
    );
    expect(body.Code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
  });

  it('answers InvalidVideo.NoneStream when only formats the emulator lacks are asked for', async () => {
    const auth = await playAuthFor(ID);
    const m3u8 = await getJson(
      sdkGetPlayInfoUrl(emulator.url, auth, ID, { overrides: { Formats: 'm3u8' } }),
    );
    expect([m3u8.status, m3u8.body.Code]).toEqual([404, 'InvalidVideo.NoneStream']);
    // What the SDK sends when the page set no format at all: no filter.
    const unset = await getJson(
      sdkGetPlayInfoUrl(emulator.url, auth, ID, { overrides: { Formats: 'undefined' } }),
    );
    expect(unset.status).toBe(200);
  });

  it('also serves GetPlayInfo to an account key (V3, without AuthInfo)', async () => {
    const { url, init } = signV3({
      baseUrl: emulator.url,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      action: 'GetPlayInfo',
      query: { VideoId: DEFAULT_VIDEO_IDS.colourBars, AuthTimeout: '60' },
      date: new Date(clock.now()),
    });
    const res = await fetch(url, init);
    expect(res.status).toBe(200);
    expect(((await res.json()) as GetPlayInfoBody).PlayInfoList.PlayInfo[0]?.Size).toBeGreaterThan(
      1000,
    );
  });
});

describe('media route', () => {
  async function playUrl(videoId: string = ID, authTimeout = '7200'): Promise<string> {
    const auth = await playAuthFor(videoId);
    const { body } = await getJson(
      sdkGetPlayInfoUrl(emulator.url, auth, videoId, { overrides: { AuthTimeout: authTimeout } }),
    );
    return body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '';
  }

  it('serves the whole sample as video/mp4 with CORS headers', async () => {
    const res = await fetch(await playUrl(), { headers: { origin: 'null' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect(Buffer.from(await res.arrayBuffer()).equals(sample)).toBe(true);
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const url = await playUrl();
    const res = await fetch(url, { headers: { range: 'bytes=100-1123' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-1123/${sample.length}`);
    expect(res.headers.get('content-length')).toBe('1024');
    expect(Buffer.from(await res.arrayBuffer()).equals(sample.subarray(100, 1124))).toBe(true);

    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(sample.subarray(sample.length - 10))).toBe(
      true,
    );

    const open = await fetch(url, { headers: { range: `bytes=${sample.length - 5}-` } });
    expect(open.headers.get('content-range')).toBe(
      `bytes ${sample.length - 5}-${sample.length - 1}/${sample.length}`,
    );
    await open.arrayBuffer();

    const beyond = await fetch(url, { headers: { range: `bytes=${sample.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${sample.length}`);
  });

  it('serves the second sample for the second video', async () => {
    const res = await fetch(await playUrl(DEFAULT_VIDEO_IDS.colourBars));
    const other = await readFile(SAMPLE_MEDIA.colourBars.file);
    expect(Buffer.from(await res.arrayBuffer()).equals(other)).toBe(true);
  });

  it('answers 403 once AuthTimeout seconds have passed on the emulator clock', async () => {
    const url = await playUrl(ID, '60');
    clock.advance(59_000);
    const before = await fetch(url, { method: 'HEAD' });
    expect(before.status).toBe(200);
    clock.advance(1_000);
    const after = await fetch(url);
    expect(after.status).toBe(403);
    expect(((await after.json()) as { Code: string }).Code).toBe('Forbidden.AuthKeyExpired');
  });

  it('answers 403 for a missing, altered or foreign auth_key', async () => {
    const url = await playUrl();
    const bare = url.slice(0, url.indexOf('?'));
    expect((await fetch(bare)).status).toBe(403);
    const altered = url.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await fetch(altered)).status).toBe(403);
    // A valid key of one video does not open another.
    const foreign = url.replace(ID, DEFAULT_VIDEO_IDS.shortFilm);
    expect((await fetch(foreign)).status).toBe(403);
  });

  it('answers 404 for a video without media', async () => {
    expect(
      (await fetch(`${emulator.url}/media/${DEFAULT_VIDEO_IDS.transcoding}.mp4?auth_key=1-a-0-b`))
        .status,
    ).toBe(404);
  });
});

describe('covers and CORS', () => {
  it('serves an SVG cover with the (escaped) title', async () => {
    emulator.setVideo({
      videoId: 'cover-test',
      title: 'Tom & <Jerry>',
      duration: 75,
      status: 'Normal',
    });
    const res = await fetch(`${emulator.url}/cover/cover-test.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(svg).not.toContain('<Jerry>');
    expect(svg).toContain('1:15');
    expect((await fetch(`${emulator.url}/cover/unknown.svg`)).status).toBe(404);
  });

  it('answers a preflight with 204 and the asked headers', async () => {
    const res = await fetch(`${emulator.url}/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, x-acs-date',
        'access-control-request-private-network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, x-acs-date');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
  });
});
