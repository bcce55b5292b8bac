import { selectPlayInfoStreams } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

const streams = [
  { format: 'mp4', definition: 'SD' },
  { format: 'm3u8', definition: 'SD' },
  { format: 'mp4', definition: 'LD' },
  { format: 'm3u8', definition: 'LD' },
  { format: 'm3u8', definition: 'HD' },
];
const names = (s: readonly { format: string; definition: string }[]) =>
  s.map((x) => `${x.definition}/${x.format}`);

describe('selectPlayInfoStreams', () => {
  it('lists every stream, lowest definition first, when nothing is selected', () => {
    expect(names(selectPlayInfoStreams(streams, {}))).toEqual([
      'LD/mp4',
      'LD/m3u8',
      'SD/mp4',
      'SD/m3u8',
      'HD/m3u8',
    ]);
  });

  it.each([
    [{ formats: 'm3u8' }, ['LD/m3u8', 'SD/m3u8', 'HD/m3u8']],
    [{ formats: 'MP4, m3u8' }, ['LD/mp4', 'LD/m3u8', 'SD/mp4', 'SD/m3u8', 'HD/m3u8']],
    [{ definitions: 'hd,LD' }, ['LD/mp4', 'LD/m3u8', 'HD/m3u8']],
    [{ formats: 'mp4', definitions: 'SD' }, ['SD/mp4']],
    [{ formats: 'undefined' }, ['LD/mp4', 'LD/m3u8', 'SD/mp4', 'SD/m3u8', 'HD/m3u8']],
    [{ definitions: 'AUTO' }, ['LD/mp4', 'LD/m3u8', 'SD/mp4', 'SD/m3u8', 'HD/m3u8']],
    [{ formats: 'flv' }, []],
    [{ formats: 'mp4', definitions: 'HD' }, []],
  ])('%j selects %j', (selection, expected) => {
    expect(names(selectPlayInfoStreams(streams, selection))).toEqual(expected);
  });
});
