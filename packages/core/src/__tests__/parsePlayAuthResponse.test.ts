import { describe, expect, it } from 'vitest';
import type { PlayAuthCredential } from '../PlayAuthCredential';
import { isPlayAuthError, type PlayAuthError } from '../PlayAuthError';
import { parsePlayAuthResponse } from '../parsePlayAuthResponse';

const VIDEO_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const ISSUED_AT = 1_700_000_000_000;
const context = { videoId: VIDEO_ID, authInfoTimeout: 300, issuedAt: ISSUED_AT };

const validBody = () => ({
  RequestId: '25818875-5F78-4A13-BEF6-D7393642CA58',
  VideoMeta: {
    VideoId: VIDEO_ID,
    Title: 'Launch keynote',
    Duration: 135.6,
    CoverURL: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/cover.jpg',
    Status: 'Normal',
  },
  PlayAuth: 'eyJTZWN1cml0eVRva2VuIjoiQ0FJUzN3SjFxNkZ0NUIyeWZTaklyNURSdk5MV2hhZz0ifQ==',
});

function parseError(body: unknown, ctx = context, status?: number): PlayAuthError {
  try {
    parsePlayAuthResponse(body, ctx, status);
  } catch (error) {
    if (isPlayAuthError(error)) return error;
    throw error;
  }
  throw new Error('parsePlayAuthResponse accepted the body');
}

function withMeta(patch: Record<string, unknown>) {
  const body = validBody();
  return { ...body, VideoMeta: { ...body.VideoMeta, ...patch } };
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = object;
  return rest;
}

describe('parsePlayAuthResponse: valid bodies', () => {
  it('returns the camelCase credential', () => {
    const credential = parsePlayAuthResponse(validBody(), context);
    expect(credential).toEqual<PlayAuthCredential>({
      videoId: VIDEO_ID,
      playAuth: validBody().PlayAuth,
      requestId: '25818875-5F78-4A13-BEF6-D7393642CA58',
      videoMeta: {
        videoId: VIDEO_ID,
        title: 'Launch keynote',
        duration: 135.6,
        coverUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/cover.jpg',
        status: 'Normal',
      },
      issuedAt: ISSUED_AT,
      expiresAt: ISSUED_AT + 300_000,
    });
  });

  it.each([
    ['135.6', 135.6],
    ['0', 0],
    ['42', 42],
    [0, 0],
  ])('accepts Duration %j as %s', (duration, expected) => {
    expect(
      parsePlayAuthResponse(withMeta({ Duration: duration }), context).videoMeta.duration,
    ).toBe(expected);
  });

  it('uses the requested VideoId when VideoMeta.VideoId is absent', () => {
    const body = validBody();
    const credential = parsePlayAuthResponse(
      { ...body, VideoMeta: without(body.VideoMeta, 'VideoId') },
      context,
    );
    expect(credential.videoId).toBe(VIDEO_ID);
    expect(credential.videoMeta.videoId).toBe(VIDEO_ID);
  });

  it('accepts an empty Title and any Status string, and ignores unknown fields', () => {
    const credential = parsePlayAuthResponse(
      { ...withMeta({ Title: '', Status: 'Checking', Extra: 1 }), HostId: 'vod.cn-shanghai' },
      context,
    );
    expect(credential.videoMeta.title).toBe('');
    expect(credential.videoMeta.status).toBe('Checking');
    expect(credential.videoMeta).not.toHaveProperty('Extra');
  });
});

describe('parsePlayAuthResponse: CoverURL', () => {
  it.each([
    'javascript:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    '//evil.example/c.jpg',
    'ftp://example.com/c.jpg',
    '',
    42,
    null,
  ])('drops CoverURL %j but keeps the credential', (cover) => {
    const credential = parsePlayAuthResponse(withMeta({ CoverURL: cover }), context);
    expect(credential.videoMeta).not.toHaveProperty('coverUrl');
    expect(credential.playAuth).toBe(validBody().PlayAuth);
  });

  it('omits coverUrl when CoverURL is absent', () => {
    const body = validBody();
    const credential = parsePlayAuthResponse(
      { ...body, VideoMeta: without(body.VideoMeta, 'CoverURL') },
      context,
    );
    expect(credential.videoMeta).not.toHaveProperty('coverUrl');
  });

  it('keeps an http: cover', () => {
    const credential = parsePlayAuthResponse(
      withMeta({ CoverURL: 'http://cdn.example.com/c.jpg' }),
      context,
    );
    expect(credential.videoMeta.coverUrl).toBe('http://cdn.example.com/c.jpg');
  });
});

describe('parsePlayAuthResponse: expiresAt', () => {
  it.each([
    ['absent', undefined, 300],
    ['smaller than requested', 200, 200],
    ['larger than requested', 600, 300],
    ['equal to requested', 300, 300],
    ['a fraction', 150.5, 150.5],
    ['a string (ignored)', '200', 300],
    ['zero (ignored)', 0, 300],
    ['negative (ignored)', -50, 300],
    ['NaN (ignored)', Number.NaN, 300],
    ['null (ignored)', null, 300],
  ])('body AuthInfoTimeout %s', (_, granted, seconds) => {
    const credential = parsePlayAuthResponse({ ...validBody(), AuthInfoTimeout: granted }, context);
    expect(credential.issuedAt).toBe(ISSUED_AT);
    expect(credential.expiresAt).toBe(ISSUED_AT + seconds * 1000);
  });

  it('clamps the requested validity to 100..3000', () => {
    const at = (authInfoTimeout: number) =>
      parsePlayAuthResponse(validBody(), { ...context, authInfoTimeout }).expiresAt - ISSUED_AT;
    expect(at(5000)).toBe(3_000_000);
    expect(at(10)).toBe(100_000);
    expect(at(Number.NaN)).toBe(100_000);
    expect(at(250.9)).toBe(250_000);
  });
});

describe('parsePlayAuthResponse: HTTP status', () => {
  it('reads a non-2xx body as the VOD error, whatever else it holds', () => {
    const error = parseError(
      { ...validBody(), Code: 'InvalidVideo.NotFound', Message: 'The video does not exist.' },
      context,
      404,
    );
    expect(error).toMatchObject({
      code: 'InvalidVideo.NotFound',
      status: 404,
      requestId: validBody().RequestId,
      retryable: false,
    });
    expect(error.message).toContain('The video does not exist.');
  });

  it.each([
    [503, undefined, 'Http503', true],
    [429, {}, 'Http429', true],
    [400, { Code: 'Throttling.User' }, 'Throttling.User', true],
    [401, { Code: '' }, 'Http401', false],
  ])('HTTP %s with body %j -> %s, retryable %s', (status, body, code, retryable) => {
    expect(parseError(body, context, status)).toMatchObject({ code, status, retryable });
  });

  it('puts the status of a 2xx on validation errors too', () => {
    expect(parseError(undefined, context, 200)).toMatchObject({
      code: 'InvalidResponse',
      status: 200,
      retryable: false,
    });
    expect(parsePlayAuthResponse(validBody(), context, 200).playAuth).toBe(validBody().PlayAuth);
  });
});

describe('parsePlayAuthResponse: VideoIdMismatch', () => {
  it('refuses a credential for another video', () => {
    const error = parseError(withMeta({ VideoId: 'ffffffffffffffffffffffffffffffff' }));
    expect(error.code).toBe('VideoIdMismatch');
    expect(error.retryable).toBe(false);
    expect(error.requestId).toBe(validBody().RequestId);
    expect(error.message).toContain('ffffffffffffffffffffffffffffffff');
    expect(error.message).toContain(VIDEO_ID);
  });

  it('is case-sensitive and refuses an empty VideoId', () => {
    expect(parseError(withMeta({ VideoId: VIDEO_ID.toUpperCase() })).code).toBe('VideoIdMismatch');
    expect(parseError(withMeta({ VideoId: '' })).code).toBe('VideoIdMismatch');
  });
});

describe('parsePlayAuthResponse: malformed bodies', () => {
  const body = validBody();
  const cases: [string, unknown, string][] = [
    ['null', null, 'body'],
    ['a string', 'PlayAuth', 'body'],
    ['a number', 42, 'body'],
    ['an array', [body], 'body'],
    ['undefined', undefined, 'body'],
    ['an empty object', {}, 'PlayAuth'],
    ['no PlayAuth', without(body, 'PlayAuth'), 'PlayAuth'],
    ['an empty PlayAuth', { ...body, PlayAuth: '' }, 'PlayAuth'],
    ['a numeric PlayAuth', { ...body, PlayAuth: 12345 }, 'PlayAuth'],
    ['an object PlayAuth', { ...body, PlayAuth: { token: 'x' } }, 'PlayAuth'],
    ['no RequestId', without(body, 'RequestId'), 'RequestId'],
    ['a numeric RequestId', { ...body, RequestId: 7 }, 'RequestId'],
    ['no VideoMeta', without(body, 'VideoMeta'), 'VideoMeta'],
    ['a null VideoMeta', { ...body, VideoMeta: null }, 'VideoMeta'],
    ['a string VideoMeta', { ...body, VideoMeta: 'Normal' }, 'VideoMeta'],
    ['an array VideoMeta', { ...body, VideoMeta: [body.VideoMeta] }, 'VideoMeta'],
    ['no Title', { ...body, VideoMeta: without(body.VideoMeta, 'Title') }, 'VideoMeta.Title'],
    ['a numeric Title', withMeta({ Title: 1 }), 'VideoMeta.Title'],
    [
      'no Duration',
      { ...body, VideoMeta: without(body.VideoMeta, 'Duration') },
      'VideoMeta.Duration',
    ],
    ['a null Duration', withMeta({ Duration: null }), 'VideoMeta.Duration'],
    ['a word Duration', withMeta({ Duration: 'long' }), 'VideoMeta.Duration'],
    ['an empty Duration', withMeta({ Duration: '' }), 'VideoMeta.Duration'],
    ['a negative Duration', withMeta({ Duration: -1 }), 'VideoMeta.Duration'],
    ['a negative string Duration', withMeta({ Duration: '-1' }), 'VideoMeta.Duration'],
    ['an exponent string Duration', withMeta({ Duration: '1e3' }), 'VideoMeta.Duration'],
    ['a padded string Duration', withMeta({ Duration: ' 12' }), 'VideoMeta.Duration'],
    ['a NaN Duration', withMeta({ Duration: Number.NaN }), 'VideoMeta.Duration'],
    [
      'an infinite Duration',
      withMeta({ Duration: Number.POSITIVE_INFINITY }),
      'VideoMeta.Duration',
    ],
    ['no Status', { ...body, VideoMeta: without(body.VideoMeta, 'Status') }, 'VideoMeta.Status'],
    ['a numeric Status', withMeta({ Status: 0 }), 'VideoMeta.Status'],
    ['a numeric VideoId', withMeta({ VideoId: 123 }), 'VideoMeta.VideoId'],
    ['a null VideoId', withMeta({ VideoId: null }), 'VideoMeta.VideoId'],
  ];

  it.each(cases)('refuses %s, naming %s', (_, input, field) => {
    const error = parseError(input);
    expect(error.code).toBe('InvalidResponse');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')} must be`));
  });

  it('has at least 12 distinct cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it('carries the RequestId once it is known', () => {
    expect(parseError(withMeta({ Title: 1 })).requestId).toBe(body.RequestId);
    expect(parseError({ ...body, RequestId: 7 }).requestId).toBeUndefined();
  });
});

describe('parsePlayAuthResponse: MtsHlsUriToken (HLS standard encryption)', () => {
  it('puts the token on hlsUriToken; the credential expiry covers it', () => {
    const token = 'v1.eyJ2IjoiYTEifQ.c2lnbmF0dXJl';
    const credential = parsePlayAuthResponse({ ...validBody(), MtsHlsUriToken: token }, context);
    expect(credential.hlsUriToken).toBe(token);
    expect(credential.expiresAt).toBe(ISSUED_AT + 300_000);
  });

  it('has no hlsUriToken when the backend sends none', () => {
    expect(parsePlayAuthResponse(validBody(), context).hlsUriToken).toBeUndefined();
  });

  it('passes the opaque token on as sent (not validated: every byte counts on this path)', () => {
    const credential = parsePlayAuthResponse({ ...validBody(), MtsHlsUriToken: 'a b' }, context);
    expect(credential.hlsUriToken).toBe('a b');
  });
});
