import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS, EMULATOR_VIDEOS } from '../catalogue';
import { createManualClock } from '../clock';
import { EmulatorError } from '../EmulatorError';
import { decodeAuthInfo, decodePlayAuth } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import { DEFAULT_ACCESS_KEY, type VodEmulator } from '../VodEmulator';
import { sdkGetPlayInfoUrl, signV3 } from './signers';

const open: VodEmulator[] = [];
async function start(options?: Parameters<typeof startVodEmulator>[0]) {
  const emulator = await startVodEmulator(options);
  open.push(emulator);
  return emulator;
}
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});

function getWithAgent(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startVodEmulator', () => {
  it('listens on 127.0.0.1 with an ephemeral port and the default key and region', async () => {
    const emulator = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.accessKeyId).toBe(DEFAULT_ACCESS_KEY.accessKeyId);
    expect(emulator.accessKeySecret).toBe(DEFAULT_ACCESS_KEY.accessKeySecret);
    expect(emulator.region).toBe('cn-shanghai');
    expect(emulator.videos.map((v) => v.videoId)).toEqual(EMULATOR_VIDEOS.map((v) => v.videoId));
  });

  it('closes promptly even with an idle keep-alive connection, and close is idempotent', async () => {
    const emulator = await startVodEmulator();
    const agent = new Agent({ keepAlive: true });
    try {
      expect(
        await getWithAgent(`${emulator.url}/cover/${DEFAULT_VIDEO_IDS.testPattern}.svg`, agent),
      ).toBe(200);
      const started = performance.now();
      await emulator.close();
      await emulator.close();
      expect(performance.now() - started).toBeLessThan(1000);
      await expect(fetch(`${emulator.url}/`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('closes promptly while a request waits on injected latency', async () => {
    const emulator = await startVodEmulator({ latencyMs: { media: 60_000 } });
    const pending = fetch(`${emulator.url}/media/x.mp4`).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('refuses a port in use', async () => {
    const emulator = await start();
    await expect(startVodEmulator({ port: emulator.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('records requests without their query, counts and clears them', async () => {
    const emulator = await start({ accessKeys: [{ accessKeyId: 'k', accessKeySecret: 's' }] });
    const { url, init } = signV3({
      baseUrl: emulator.url,
      accessKeyId: 'k',
      accessKeySecret: 's',
      query: { VideoId: DEFAULT_VIDEO_IDS.blocked },
    });
    await (await fetch(url, init)).arrayBuffer();
    await (await fetch(`${emulator.url}/cover/${DEFAULT_VIDEO_IDS.blocked}.svg`)).arrayBuffer();
    expect(emulator.requests).toEqual([
      expect.objectContaining({
        action: 'GetVideoPlayAuth',
        videoId: DEFAULT_VIDEO_IDS.blocked,
        code: 'Forbidden.IllegalStatus',
        status: 403,
        signatureVersion: 'v3',
        method: 'POST',
        path: '/',
      }),
      expect.objectContaining({ action: 'cover', code: 'OK', status: 200 }),
    ]);
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
    expect(JSON.stringify(emulator.requests)).not.toContain('Signature');
    emulator.clearRequests();
    expect(emulator.requests).toHaveLength(0);
  });

  it('setVideo makes a video playable; createPlayAuth issues like GetVideoPlayAuth', async () => {
    const clock = createManualClock(Date.UTC(2026, 2, 1));
    const emulator = await start({ clock });
    const id = DEFAULT_VIDEO_IDS.transcoding;
    expect(() => emulator.createPlayAuth(id)).toThrow(EmulatorError);
    const video = emulator.videos.find((v) => v.videoId === id);
    const playable = EMULATOR_VIDEOS[0];
    if (!video || !playable) throw new Error('catalogue changed');
    emulator.setVideo({ ...video, status: 'Normal', media: playable.media });
    const payload = decodePlayAuth(emulator.createPlayAuth(id, 300));
    expect(decodeAuthInfo(payload.AuthInfo)).toMatchObject({
      MediaId: id,
      ExpireTime: '2026-03-01T00:05:00Z',
    });
    const res = await fetch(sdkGetPlayInfoUrl(emulator.url, payload, id));
    expect(res.status).toBe(200);
    expect(() => emulator.createPlayAuth(id, 99)).toThrow(/AuthInfoTimeout/);
    expect(() => emulator.createPlayAuth('../x')).toThrow(/VideoId/);
  });

  it('uses publicUrl for the URLs it hands out', async () => {
    const emulator = await start({ publicUrl: 'http://vod.test:8080/' });
    const { url, init } = signV3({
      baseUrl: emulator.url,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      query: { VideoId: DEFAULT_VIDEO_IDS.testPattern },
    });
    const body = (await (await fetch(url, init)).json()) as {
      VideoMeta: { CoverURL: string };
      PlayAuth: string;
    };
    expect(body.VideoMeta.CoverURL).toBe(
      `http://vod.test:8080/cover/${DEFAULT_VIDEO_IDS.testPattern}.svg`,
    );
    expect(decodePlayAuth(body.PlayAuth).PlayDomain).toBe('vod.test:8080');
  });

  it('logs one line per request without secrets', async () => {
    const lines: string[] = [];
    const emulator = await start({ log: (line) => lines.push(line) });
    const payload = decodePlayAuth(emulator.createPlayAuth(DEFAULT_VIDEO_IDS.testPattern));
    await (
      await fetch(sdkGetPlayInfoUrl(emulator.url, payload, DEFAULT_VIDEO_IDS.testPattern))
    ).arrayBuffer();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GetPlayInfo');
    for (const secret of [payload.AccessKeySecret, payload.SecurityToken, payload.AccessKeyId]) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('refuses other methods and bodies over 1 MiB', async () => {
    const emulator = await start();
    const put = await fetch(`${emulator.url}/`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
    const big = await fetch(`${emulator.url}/`, {
      method: 'POST',
      body: 'x'.repeat(1.5 * 1024 * 1024),
    }).then(
      (r) => r.status,
      () => 'reset',
    );
    expect([413, 'reset']).toContain(big);
  });
});
