import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MEDIA } from '../catalogue';
import { MediaToolError } from '../MediaToolError';
import { prepareRenditions } from '../prepareRenditions';

const LD = { definition: 'LD', width: 192, height: 108, videoKbps: 80 };

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playauth-renditions-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

/** Width, height and duration of a media file's video stream, as ffprobe reads them. */
function probe(file: string): { width: number; height: number; duration: number } {
  // biome-ignore format: option pairs
  const out = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration',
    '-of', 'json', file,
  ]);
  const json = JSON.parse(String(out)) as {
    streams: Array<{ width: number; height: number }>;
    format: { duration: string };
  };
  const [video] = json.streams;
  if (!video) throw new Error(`no video stream in ${file}`);
  return { width: video.width, height: video.height, duration: Number(json.format.duration) };
}

describe('prepareRenditions', () => {
  it.each(Object.entries(SAMPLE_MEDIA))(
    'makes an MP4 and an HLS rendition of %s in LD and SD',
    async (_name, media) => {
      const made = await prepareRenditions(media.file, { cacheDir });
      expect(made.renditions.map((r) => r.definition)).toEqual(['LD', 'SD']);
      for (const r of made.renditions) {
        const mp4 = probe(r.mp4);
        expect({ width: mp4.width, height: mp4.height }).toEqual({
          width: r.width,
          height: r.height,
        });
        expect(mp4.duration).toBeCloseTo(media.duration, 0);
        expect((await stat(r.mp4)).size).toBe(r.mp4Size);
        const playlist = await readFile(r.playlist, 'utf8');
        expect(playlist).toMatch(/^#EXTM3U\n/);
        expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
        expect(playlist).toContain('#EXT-X-ENDLIST');
        expect(r.segments.length).toBeGreaterThanOrEqual(2);
        expect(r.duration).toBeCloseTo(media.duration, 0);
        const segment = probe(join(r.playlist, '..', r.segments[0] ?? ''));
        expect(segment.width).toBe(r.width);
      }
      const [ld, sd] = made.renditions;
      expect(ld && sd && ld.mp4Size < sd.mp4Size).toBe(true);
    },
  );

  it('reuses the cache without running ffmpeg again', async () => {
    const first = await prepareRenditions(SAMPLE_MEDIA.testPattern.file, { cacheDir });
    const stamp = await readFile(join(first.dir, 'done'), 'utf8');
    const again = await prepareRenditions(SAMPLE_MEDIA.testPattern.file, {
      cacheDir,
      ffmpegPath: join(cacheDir, 'no-such-ffmpeg'),
    });
    expect(again).toEqual(first);
    expect(await readFile(join(first.dir, 'done'), 'utf8')).toBe(stamp);
  });

  it('makes new renditions when the source bytes change', async () => {
    const copy = join(cacheDir, 'copy.mp4');
    await copyFile(SAMPLE_MEDIA.colourBars.file, copy);
    const before = await prepareRenditions(copy, {
      cacheDir,
      renditions: [LD],
    });
    await copyFile(SAMPLE_MEDIA.testPattern.file, copy);
    const after = await prepareRenditions(copy, { cacheDir, renditions: [LD] });
    expect(after.dir).not.toBe(before.dir);
  });

  it('throws a typed FfmpegMissing error when ffmpeg is not there', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'playauth-renditions-noff-'));
    try {
      const error = await prepareRenditions(SAMPLE_MEDIA.testPattern.file, {
        cacheDir: fresh,
        ffmpegPath: join(fresh, 'no-such-ffmpeg'),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaToolError);
      expect(error).toMatchObject({ code: 'FfmpegMissing', message: /install it/ });
      expect(await readdir(fresh)).toEqual([]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('throws FfmpegFailed with ffmpeg’s stderr for a source that is not media, leaving no cache entry', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'playauth-renditions-bad-'));
    try {
      const bogus = join(fresh, 'not-a-video.mp4');
      await writeFile(bogus, 'this is not a video\n');
      const error = await prepareRenditions(bogus, { cacheDir: join(fresh, 'cache') }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'MediaToolError', code: 'FfmpegFailed' });
      expect((error as MediaToolError).detail).toMatch(/not-a-video|Invalid data/);
      expect(await readdir(join(fresh, 'cache')).catch(() => [])).toEqual([]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('throws SourceMissing for an unreadable source', async () => {
    await expect(
      prepareRenditions(join(cacheDir, 'absent.mp4'), { cacheDir }),
    ).rejects.toMatchObject({ code: 'SourceMissing' });
  });

  it.each([
    [{ definition: 'ld', width: 192, height: 108, videoKbps: 80 }],
    [{ definition: 'LD', width: 191, height: 108, videoKbps: 80 }],
    [{ definition: 'LD', width: 192, height: 108, videoKbps: 0 }],
  ])('refuses the bad rendition %j with a TypeError', async (spec) => {
    await expect(
      prepareRenditions(SAMPLE_MEDIA.testPattern.file, { cacheDir, renditions: [spec] }),
    ).rejects.toThrow(TypeError);
  });

  it('refuses a repeated definition', async () => {
    await expect(
      prepareRenditions(SAMPLE_MEDIA.testPattern.file, { cacheDir, renditions: [LD, LD] }),
    ).rejects.toThrow(/once/);
  });
});
