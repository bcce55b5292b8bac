import { toVideoMeta } from '@playauth/core';
import { createVodClient } from '@playauth/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { createManualClock } from '../clock';
import { decodePlayAuth } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { signV3, tamperV3, v2Params, v2Url } from './signers';

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const ID = DEFAULT_VIDEO_IDS.testPattern;

let emulator: VodEmulator;
const clock = createManualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
const now = () => new Date(clock.now());

beforeAll(async () => {
  emulator = await startVodEmulator({
    clock,
    accessKeys: [
      { accessKeyId: 'main-key', accessKeySecret: 'main-secret' },
      { accessKeyId: 'auth-only', accessKeySecret: 'auth-secret', actions: ['GetVideoPlayAuth'] },
    ],
  });
});
afterAll(() => emulator.close());

const v3 = (query: Record<string, string>, extra: Partial<Parameters<typeof signV3>[0]> = {}) =>
  signV3({
    baseUrl: emulator.url,
    accessKeyId: 'main-key',
    accessKeySecret: 'main-secret',
    action: 'GetVideoInfo',
    query,
    date: now(),
    ...extra,
  });

async function send({ url, init }: { url: string; init?: RequestInit }) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GetVideoInfo', () => {
  it('answers V3 with the documented Video body from the catalogue, no credential in it', async () => {
    const { status, body } = await send(v3({ VideoId: ID }));
    expect(status).toBe(200);
    expect(body.RequestId).toMatch(REQUEST_ID);
    expect(body.Video).toEqual({
      VideoId: ID,
      Title: 'Test pattern with a 440 Hz tone',
      Duration: 6,
      CoverURL: `${emulator.url}/cover/${ID}.svg`,
      Status: 'Normal',
      CreationTime: '2026-01-05T08:00:00Z',
    });
    expect(body).not.toHaveProperty('PlayAuth');
    expect(emulator.requests.at(-1)).toMatchObject({ action: 'GetVideoInfo', code: 'OK' });
  });

  it('answers V2 (RPC, HMAC-SHA1) as well', async () => {
    const params = v2Params('main-key', 'GetVideoInfo', { VideoId: ID }, now());
    const { status, body } = await send({ url: v2Url(emulator.url, params, 'main-secret') });
    expect(status).toBe(200);
    expect((body.Video as { Title: string }).Title).toBe('Test pattern with a 440 Hz tone');
  });

  it('answers for videos that do not play yet (it mints nothing): Transcoding, Blocked', async () => {
    for (const [id, state] of [
      [DEFAULT_VIDEO_IDS.transcoding, 'Transcoding'],
      [DEFAULT_VIDEO_IDS.blocked, 'Blocked'],
    ] as const) {
      const { status, body } = await send(v3({ VideoId: id }));
      expect([status, (body.Video as { Status: string }).Status]).toEqual([200, state]);
    }
  });

  it('refuses like VOD: unknown id, missing or malformed VideoId, a bad signature', async () => {
    const unknown = await send(v3({ VideoId: 'no-such-video' }));
    expect([unknown.status, unknown.body.Code]).toEqual([404, 'InvalidVideo.NotFound']);
    const missing = await send(v3({}));
    expect([missing.status, missing.body.Code]).toEqual([400, 'MissingParameter']);
    const malformed = await send(v3({ VideoId: 'a/b' }));
    expect([malformed.status, malformed.body.Code]).toEqual([400, 'InvalidParameter']);
    const { url, init } = v3({ VideoId: ID });
    const tampered = await send({ url, init: tamperV3(init ?? {}) });
    expect([tampered.status, tampered.body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
  });

  it('answers Forbidden.RAM for a key whose actions exclude it, and for a PlayAuth STS key', async () => {
    const auth = await send(
      v3({ VideoId: ID }, { accessKeyId: 'auth-only', accessKeySecret: 'auth-secret' }),
    );
    expect([auth.status, auth.body.Code]).toEqual([403, 'Forbidden.RAM']);
    const p = decodePlayAuth(emulator.createPlayAuth(ID));
    const sts = await send(
      v3(
        { VideoId: ID },
        {
          accessKeyId: p.AccessKeyId,
          accessKeySecret: p.AccessKeySecret,
          securityToken: p.SecurityToken,
        },
      ),
    );
    expect([sts.status, sts.body.Code]).toEqual([403, 'Forbidden.RAM']);
  });

  it('takes faults by action, and serves createVodClient().getVideoInfo + toVideoMeta end to end', async () => {
    emulator.addFault({ action: 'GetVideoInfo', code: 'ServiceUnavailable', times: 1 });
    const vod = createVodClient({
      endpoint: emulator.url,
      accessKeyId: 'main-key',
      accessKeySecret: 'main-secret',
      retryDelayMs: () => 0,
    });
    emulator.clearRequests();
    // The client signs with the real date: the emulator's clock checks it.
    clock.set(Date.now());
    const meta = toVideoMeta(await vod.getVideoInfo({ videoId: ID }));
    expect(meta).toEqual({
      videoId: ID,
      title: 'Test pattern with a 440 Hz tone',
      duration: 6,
      coverUrl: `${emulator.url}/cover/${ID}.svg`,
      status: 'Normal',
    });
    expect(emulator.requests.map((r) => r.code)).toEqual(['ServiceUnavailable', 'OK']);
    await expect(vod.getVideoInfo({ videoId: 'no-such-video' })).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
      kind: 'notFound',
    });
  });
});
