import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS, EMULATOR_VIDEOS, SAMPLE_MEDIA } from '../catalogue';

describe('default catalogue', () => {
  it('has at least three playable videos, one Transcoding and one Blocked', () => {
    const byStatus = (s: string) => EMULATOR_VIDEOS.filter((v) => v.status === s);
    expect(byStatus('Normal').length).toBeGreaterThanOrEqual(3);
    expect(byStatus('Transcoding')).toHaveLength(1);
    expect(byStatus('Blocked')).toHaveLength(1);
    for (const v of byStatus('Normal')) expect(v.media).toBeDefined();
  });

  it('uses the stable, real-looking ids, each once', () => {
    const ids = EMULATOR_VIDEOS.map((v) => v.videoId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Object.values(DEFAULT_VIDEO_IDS).sort());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ships small sample MP4s (committed: CI has no ffmpeg) with the moov atom first', async () => {
    let total = 0;
    for (const media of Object.values(SAMPLE_MEDIA)) {
      const { size } = await stat(media.file);
      total += size;
      const { readFile } = await import('node:fs/promises');
      const head = (await readFile(media.file)).subarray(0, 64).toString('latin1');
      expect(head.slice(4, 8)).toBe('ftyp');
      expect(head).toContain('moov');
    }
    expect(total).toBeLessThan(300 * 1024);
  });
});
