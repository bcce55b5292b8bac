import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { createFaultInjector, createSeededRandom, defaultFaultStatus } from '../faults';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { signV3 } from './signers';

const ID = DEFAULT_VIDEO_IDS.testPattern;
let emulator: VodEmulator;

beforeAll(async () => {
  emulator = await startVodEmulator();
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.clearFaults();
  emulator.setLatency('GetVideoPlayAuth', 0);
  emulator.clearRequests();
});

async function call(videoId: string = ID) {
  const { url, init } = signV3({
    baseUrl: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    query: { VideoId: videoId },
  });
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as { Code?: string; RequestId: string } };
}

describe('fault injection', () => {
  it('answers the fault code for `times` requests, then normally', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User', times: 2 });
    const first = await call();
    expect([first.status, first.body.Code]).toEqual([400, 'Throttling.User']);
    expect(first.body.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect((await call()).body.Code).toBe('Throttling.User');
    expect((await call()).status).toBe(200);
    expect(emulator.requests.map((r) => r.code)).toEqual([
      'Throttling.User',
      'Throttling.User',
      'OK',
    ]);
  });

  it('uses the usual statuses of ServiceUnavailable and InternalError, or the given one', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'ServiceUnavailable', times: 1 });
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'InternalError', times: 1 });
    emulator.addFault({
      action: 'GetVideoPlayAuth',
      code: 'Throttling.User',
      status: 429,
      times: 1,
    });
    expect((await call()).status).toBe(503);
    expect((await call()).status).toBe(500);
    expect((await call()).status).toBe(429);
  });

  it('drops the connection: the client sees a network error, the log status 0', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', drop: true, times: 1 });
    await expect(call()).rejects.toThrow();
    expect(emulator.requests.at(-1)).toMatchObject({ code: 'ConnectionDropped', status: 0 });
    expect((await call()).status).toBe(200);
  });

  it('adds latency (rule and setLatency) before answering', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', latencyMs: 150, times: 1 });
    let started = performance.now();
    expect((await call()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    emulator.setLatency('GetVideoPlayAuth', 120);
    started = performance.now();
    await call();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    emulator.setLatency('GetVideoPlayAuth', 0);
    started = performance.now();
    await call();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('faults only the given VideoId, and the media route separately', async () => {
    emulator.addFault({
      action: 'GetVideoPlayAuth',
      videoId: DEFAULT_VIDEO_IDS.colourBars,
      code: 'InternalError',
    });
    expect((await call(ID)).status).toBe(200);
    expect((await call(DEFAULT_VIDEO_IDS.colourBars)).status).toBe(500);
    emulator.clearFaults();
    emulator.addFault({ action: 'media', code: 'ServiceUnavailable' });
    const res = await fetch(`${emulator.url}/media/${ID}.mp4`);
    expect(res.status).toBe(503);
    expect(emulator.count('media')).toBe(1);
  });

  it('applies `rate` deterministically with the seed', async () => {
    const pattern = async (seed: number) => {
      const local = await startVodEmulator({
        faultSeed: seed,
        faults: [{ action: '*', code: 'InternalError', rate: 0.5 }],
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const { url, init } = signV3({
            baseUrl: local.url,
            accessKeyId: local.accessKeyId,
            accessKeySecret: local.accessKeySecret,
            query: { VideoId: ID },
          });
          const res = await fetch(url, init);
          await res.arrayBuffer();
          statuses.push(res.status);
        }
        return statuses;
      } finally {
        await local.close();
      }
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(a).toContain(200);
    expect(a).toContain(500);
  });

  it('validates rules', () => {
    expect(() => emulator.addFault({ action: 'Nope' as 'media' })).toThrow(TypeError);
    expect(() => emulator.addFault({ action: 'media', times: 0 })).toThrow(/times/);
    expect(() => emulator.addFault({ action: 'media', rate: 2 })).toThrow(/rate/);
    expect(() => emulator.addFault({ action: 'media', status: 200 })).toThrow(/status/);
  });
});

describe('fault helpers', () => {
  it('createSeededRandom repeats per seed and stays in [0, 1)', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const c = createSeededRandom(43);
    const seqA = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(seqA);
    expect(Array.from({ length: 50 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('picks codes and statuses for partial rules', () => {
    const injector = createFaultInjector([
      { action: 'GetPlayInfo', status: 500, times: 1 },
      { action: 'GetPlayInfo', status: 502, times: 1 },
      { action: 'GetPlayInfo', times: 1 },
      { action: 'GetPlayInfo', latencyMs: 5, times: 1 },
    ]);
    expect(injector.take('GetPlayInfo', undefined)?.error).toMatchObject({
      code: 'InternalError',
      status: 500,
    });
    expect(injector.take('GetPlayInfo', undefined)?.error).toMatchObject({
      code: 'ServiceUnavailable',
      status: 502,
    });
    expect(injector.take('GetPlayInfo', undefined)?.error).toMatchObject({
      code: 'ServiceUnavailable',
      status: 503,
    });
    expect(injector.take('GetPlayInfo', undefined)).toEqual({ latencyMs: 5, drop: false });
    expect(injector.take('GetPlayInfo', undefined)).toBeUndefined();
    expect(defaultFaultStatus('serviceunavailable')).toBe(503);
  });
});
