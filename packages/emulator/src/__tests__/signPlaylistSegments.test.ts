import { describe, expect, it } from 'vitest';
import { signPlaylistSegments } from '../signPlaylistSegments';

const playlist = [
  '#EXTM3U',
  '#EXT-X-TARGETDURATION:2',
  '#EXTINF:2.000000,',
  'seg-000.ts',
  '#EXTINF:2.000000,',
  'seg-001.ts',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

describe('signPlaylistSegments', () => {
  it('signs each segment URI for its own path and leaves tags alone', () => {
    const signed: string[] = [];
    const out = signPlaylistSegments(playlist, '/media/v1/SD/index.m3u8', (path) => {
      signed.push(path);
      return `k${signed.length}`;
    });
    expect(signed).toEqual(['/media/v1/SD/seg-000.ts', '/media/v1/SD/seg-001.ts']);
    expect(out.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXTINF:2.000000,',
      'seg-000.ts?auth_key=k1',
      '#EXTINF:2.000000,',
      'seg-001.ts?auth_key=k2',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });

  it.each(['https://cdn.example/seg.ts', 'seg.ts?x=1', '../other/seg.ts'])(
    'refuses the segment URI %j with a TypeError',
    (uri) => {
      expect(() => signPlaylistSegments(`#EXTM3U\n${uri}\n`, '/m/i.m3u8', () => 'k')).toThrow(
        TypeError,
      );
    },
  );
});
