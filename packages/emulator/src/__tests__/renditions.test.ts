import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GetPlayInfoBody, PlayInfo } from '@playauth/vod-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { createManualClock } from '../clock';
import { MediaToolError } from '../MediaToolError';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { signV3 } from './signers';

const ID = DEFAULT_VIDEO_IDS.colourBars;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const clock = createManualClock(T0);
let emulator: VodEmulator;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playauth-emulator-renditions-'));
  emulator = await startVodEmulator({ clock, renditions: { cacheDir } });
});
afterAll(async () => {
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
});
beforeEach(() => clock.set(T0));

type Answer = GetPlayInfoBody & { Code?: string; Message?: string };

async function getPlayInfo(query: Record<string, string> = {}) {
  const { url, init } = signV3({
    baseUrl: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    action: 'GetPlayInfo',
    query: { VideoId: ID, ...query },
    date: new Date(clock.now()),
  });
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Answer };
}

const label = (p: PlayInfo) => `${p.Definition}/${p.Format}`;

async function playInfoOf(definition: string, format: string): Promise<PlayInfo> {
  const { body } = await getPlayInfo();
  const info = body.PlayInfoList.PlayInfo.find(
    (p) => p.Definition === definition && p.Format === format,
  );
  if (!info) throw new Error(`no ${definition}/${format}`);
  return info;
}

describe('GetPlayInfo with renditions', () => {
  it('lists MP4 and HLS in LD and SD, lowest definition first, with their real sizes', async () => {
    const { status, body } = await getPlayInfo();
    expect(status).toBe(200);
    expect(body.PlayInfoList.PlayInfo.map(label)).toEqual([
      'LD/mp4',
      'LD/m3u8',
      'SD/mp4',
      'SD/m3u8',
    ]);
    for (const p of body.PlayInfoList.PlayInfo) {
      expect(p).toMatchObject({ Encrypt: 0, StreamType: 'video', Status: 'Normal' });
      expect(p.Width).toBe(p.Definition === 'LD' ? 192 : 320);
      expect(Number(p.Duration)).toBeCloseTo(6, 0);
      expect(p.PlayURL).toMatch(
        new RegExp(
          `^${emulator.url}/media/${ID}/${p.Definition}/(video\\.mp4|index\\.m3u8)\\?auth_key=\\d+-[0-9a-f]+-0-[0-9a-f]{32}$`,
        ),
      );
      const res = await fetch(p.PlayURL);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.status).toBe(200);
      if (p.Format === 'mp4') expect(bytes.length).toBe(p.Size);
    }
    const ld = body.PlayInfoList.PlayInfo[0];
    const sd = body.PlayInfoList.PlayInfo[2];
    expect(Number(ld?.Bitrate)).toBeLessThan(Number(sd?.Bitrate));
  });

  it.each([
    [{ Formats: 'm3u8' }, ['LD/m3u8', 'SD/m3u8']],
    [{ Formats: 'mp4' }, ['LD/mp4', 'SD/mp4']],
    [{ Definition: 'SD' }, ['SD/mp4', 'SD/m3u8']],
    [{ Formats: 'm3u8', Definition: 'LD', ResultType: 'Multiple' }, ['LD/m3u8']],
  ])('honours %j', async (query, expected) => {
    const { status, body } = await getPlayInfo(query);
    expect(status).toBe(200);
    expect(body.PlayInfoList.PlayInfo.map(label)).toEqual(expected);
  });

  it('answers InvalidVideo.NoneStream for a definition it lacks', async () => {
    const { status, body } = await getPlayInfo({ Definition: 'HD' });
    expect([status, body.Code]).toEqual([404, 'InvalidVideo.NoneStream']);
    expect(body.Message).toContain('LD/mp4');
  });

  it('echoes OutputType and refuses unknown OutputType / ResultType values', async () => {
    expect((await getPlayInfo({ OutputType: 'cdn' })).body.VideoBase.OutputType).toBe('cdn');
    const bad: Record<string, string>[] = [{ OutputType: 'ftp' }, { ResultType: 'All' }];
    for (const query of bad) {
      const { status, body } = await getPlayInfo(query);
      expect([status, body.Code]).toEqual([400, 'InvalidParameter']);
    }
  });
});

describe('HLS under URL signing type A', () => {
  it('serves the playlist with every segment URI signed until the playlist’s own expiry', async () => {
    const hls = await playInfoOf('SD', 'm3u8');
    const expiry = new URL(hls.PlayURL).searchParams.get('auth_key')?.split('-')[0];
    const res = await fetch(hls.PlayURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await res.text();
    const uris = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(uris.length).toBeGreaterThanOrEqual(2);
    for (const uri of uris) {
      expect(uri).toMatch(
        new RegExp(`^seg-\\d{3}\\.ts\\?auth_key=${expiry}-[0-9a-f]+-0-[0-9a-f]{32}$`),
      );
      const segment = await fetch(new URL(uri, hls.PlayURL));
      expect(segment.status).toBe(200);
      expect(segment.headers.get('content-type')).toBe('video/mp2t');
      // An MPEG-TS packet starts with the sync byte 0x47.
      expect(Buffer.from(await segment.arrayBuffer())[0]).toBe(0x47);
    }
  });

  it('plays: ffprobe reads the served playlist and its segments over HTTP', async () => {
    const hls = await playInfoOf('LD', 'm3u8');
    // Async: the emulator answers ffprobe's requests from this same process.
    const { stdout: out } = await promisify(execFile)(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'json', hls.PlayURL],
      { timeout: 20_000 },
    );
    const streams = (JSON.parse(String(out)) as { streams: Array<{ width?: number }> }).streams;
    expect(streams.some((s) => s.width === 192)).toBe(true);
  });

  it('refuses with 403 a segment whose auth_key is missing, altered, for another segment or expired', async () => {
    const hls = await playInfoOf('SD', 'm3u8');
    const text = await (await fetch(hls.PlayURL)).text();
    const [first = '', second = ''] = text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    const base = new URL(first, hls.PlayURL);
    const key = base.searchParams.get('auth_key') ?? '';
    const other = new URL(second, hls.PlayURL).searchParams.get('auth_key') ?? '';
    const variants = {
      missing: `${base.origin}${base.pathname}`,
      altered: `${base.origin}${base.pathname}?auth_key=${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`,
      otherSegment: `${base.origin}${base.pathname}?auth_key=${other}`,
    };
    for (const [name, url] of Object.entries(variants)) {
      const res = await fetch(url);
      expect([name, res.status]).toEqual([name, 403]);
    }
    expect((await fetch(base)).status).toBe(200);
    clock.set(T0 + 3600 * 1000);
    const expired = await fetch(base);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { Code: string }).Code).toBe('Forbidden.AuthKeyExpired');
    const playlist = await fetch(hls.PlayURL);
    expect(playlist.status).toBe(403);
  });

  it('keeps segments valid until AuthTimeout, not the default', async () => {
    const { body } = await getPlayInfo({ Formats: 'm3u8', Definition: 'LD', AuthTimeout: '60' });
    const url = body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '';
    const text = await (await fetch(url)).text();
    const seg = new URL(text.split('\n').find((l) => l.startsWith('seg-')) ?? '', url);
    clock.set(T0 + 59_000);
    expect((await fetch(seg)).status).toBe(200);
    clock.set(T0 + 60_000);
    expect((await fetch(seg)).status).toBe(403);
  });

  it('serves no definition or segment the video lacks, even with another file’s key', async () => {
    const hls = await playInfoOf('SD', 'm3u8');
    const url = new URL(hls.PlayURL);
    for (const path of [
      url.pathname.replace('/SD/', '/HD/'),
      url.pathname.replace('index.m3u8', 'seg-999.ts'),
    ]) {
      const res = await fetch(`${url.origin}${path}${url.search}`);
      expect(res.status).toBe(403);
    }
  });
});

describe('startVodEmulator({ renditions })', () => {
  it('fails to start with a typed MediaToolError when ffmpeg is missing', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'playauth-emulator-noffmpeg-'));
    try {
      const error = await startVodEmulator({
        renditions: { cacheDir: fresh, ffmpegPath: join(fresh, 'nope') },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaToolError);
      expect(error).toMatchObject({ code: 'FfmpegMissing' });
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
