import { createPlayInfoBody } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

describe('createPlayInfoBody', () => {
  const stream = {
    playUrl: 'https://media.example/v1.mp4',
    format: 'mp4',
    definition: 'OD',
    width: 1280,
    height: 720,
    duration: 42,
    bitrate: 1000,
  };

  it('answers VideoBase and PlayInfoList in VOD shape, decimals as strings', () => {
    const body = createPlayInfoBody({
      requestId: 'R',
      video: { videoId: 'v1', title: 'Intro', duration: 42.5, outputType: 'cdn' },
      streams: [stream],
    });
    expect(body).toEqual({
      RequestId: 'R',
      VideoBase: {
        Title: 'Intro',
        Duration: '42.500',
        VideoId: 'v1',
        Status: 'Normal',
        MediaType: 'video',
        OutputType: 'cdn',
      },
      PlayInfoList: {
        PlayInfo: [
          {
            PlayURL: stream.playUrl,
            Definition: 'OD',
            Format: 'mp4',
            Width: 1280,
            Height: 720,
            Duration: '42.000',
            Bitrate: '1000.000',
            Encrypt: 0,
            StreamType: 'video',
            Status: 'Normal',
          },
        ],
      },
    });
  });

  it('adds the optional fields it is given', () => {
    const body = createPlayInfoBody({
      requestId: 'R',
      video: {
        videoId: 'v1',
        title: 'T',
        duration: 1,
        status: 'Normal',
        coverUrl: 'c',
        creationTime: 't0',
        outputType: 'oss',
      },
      streams: [
        { ...stream, size: 10, fps: 25, jobId: 'j', creationTime: 't0', modificationTime: 't1' },
      ],
    });
    expect(body.VideoBase).toMatchObject({ CoverURL: 'c', CreationTime: 't0', OutputType: 'oss' });
    expect(body.PlayInfoList.PlayInfo[0]).toMatchObject({
      Size: 10,
      Fps: '25',
      JobId: 'j',
      CreationTime: 't0',
      ModificationTime: 't1',
    });
  });

  it('marks an encrypted stream with Encrypt 1 and its EncryptType, and an audio stream', () => {
    const body = createPlayInfoBody({
      requestId: 'R',
      video: { videoId: 'v1', title: 'T', duration: 1, outputType: 'cdn' },
      streams: [
        { ...stream, format: 'm3u8', encryptType: 'HLSEncryption' },
        { ...stream, format: 'mp3', streamType: 'audio' },
      ],
    });
    const [hls, audio] = body.PlayInfoList.PlayInfo;
    expect(hls).toMatchObject({ Encrypt: 1, EncryptType: 'HLSEncryption', StreamType: 'video' });
    expect(audio).toMatchObject({ Encrypt: 0, StreamType: 'audio' });
    expect(audio).not.toHaveProperty('EncryptType');
  });
});
