// @playauth/server's VOD client against the emulator over real sockets on 127.0.0.1: every
// error class of GetVideoPlayAuth, retries (fresh nonce and date per attempt), timeouts, STS
// credentials and clock skew. The handler is covered in handlerIntegration.test.ts.
import {
  type CreateVodClientOptions,
  createVodClient,
  isVodApiError,
  type VodApiError,
  type VodCredentials,
} from '@playauth/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  DEFAULT_ACCESS_KEY,
  DEFAULT_VIDEO_IDS,
  decodeAuthInfo,
  decodePlayAuth,
  EMULATOR_VIDEOS,
  startVodEmulator,
  type VodEmulator,
} from '../index';
import { findLeaks } from './secretSweep';
import {
  type Attempt,
  createRecordingFetch,
  emulatorClientOptions,
  MAX_RETRIES,
} from './vodClientRecorder';

const ID = DEFAULT_VIDEO_IDS.testPattern;
/** An STS key of the account (a RAM role's temporary credentials): needs its token. */
const STS_KEY = {
  accessKeyId: 'STS.IntegrationRoleKeyA',
  accessKeySecret: 'IntegrationStsSecretA-9c1e',
  securityToken: 'IntegrationStsTokenA+/=xyz',
};
const STS_KEY_ROTATED = {
  accessKeyId: 'STS.IntegrationRoleKeyB',
  accessKeySecret: 'IntegrationStsSecretB-4d7a',
  securityToken: 'IntegrationStsTokenB+/=uvw',
};
/** A RAM user allowed GetPlayInfo only. */
const LIMITED_KEY = {
  accessKeyId: 'IntegrationLimitedKeyId',
  accessKeySecret: 'IntegrationLimitedSecret-77aa',
  actions: ['GetPlayInfo'],
};
const WRONG_SECRET = 'IntegrationWrongSecret-0f0f0f';
const UNKNOWN_KEY_ID = 'LTAIUnknownIntegrationKey';

const clock = createManualClock();
let emulator: VodEmulator;
let attempts: Attempt[] = [];
/** Everything the client produced (results, error messages, stacks, causes), swept at the end. */
const produced: string[] = [];
/** Every signature the client sent, to be swept for too. */
const signatures = new Set<string>();

const recordingFetch = createRecordingFetch((attempt) => {
  signatures.add(attempt.signature);
  attempts.push(attempt);
});

function client(options: Partial<CreateVodClientOptions> = {}) {
  return createVodClient({ ...emulatorClientOptions(emulator, recordingFetch), ...options });
}

/** Awaits a call that must fail with a VodApiError and returns it (recorded for the sweep). */
async function failure(call: Promise<unknown>): Promise<VodApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVodApiError(error)) throw new Error(`expected a VodApiError, got ${String(error)}`);
  produced.push(
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    String(error.cause),
    error.cause instanceof Error ? (error.cause.stack ?? '') : '',
  );
  return error;
}

/** The emulator's request log for GetVideoPlayAuth, as `code` strings. */
const upstreamCodes = () =>
  emulator.requests.filter((r) => r.action === 'GetVideoPlayAuth').map((r) => r.code);

const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

beforeAll(async () => {
  emulator = await startVodEmulator({
    clock,
    accessKeys: [DEFAULT_ACCESS_KEY, STS_KEY, STS_KEY_ROTATED, LIMITED_KEY],
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  // The client signs with the wall clock; the emulator's clock follows it at whole seconds so
  // ExpireTime arithmetic is exact.
  clock.set(wholeSecond());
  emulator.clearFaults();
  emulator.clearRequests();
  attempts = [];
});

describe('success', () => {
  it('returns the emulator body verbatim, signed with V3, in one attempt', async () => {
    const result = await client().getVideoPlayAuth({ videoId: ID, authInfoTimeout: 600 });
    produced.push(JSON.stringify(result));
    expect(attempts).toHaveLength(1);
    expect(result).toEqual(JSON.parse(attempts[0]?.body ?? ''));
    const [logged, ...rest] = emulator.requests;
    expect(rest).toEqual([]);
    expect(logged).toMatchObject({
      action: 'GetVideoPlayAuth',
      videoId: ID,
      code: 'OK',
      signatureVersion: 'v3',
    });
    expect(result.RequestId).toBe(logged?.requestId);
    expect(result.VideoMeta).toEqual({
      VideoId: ID,
      Title: 'Test pattern with a 440 Hz tone',
      Duration: 6,
      CoverURL: `${emulator.url}/cover/${ID}.svg`,
      Status: 'Normal',
    });
  });

  it('gets a PlayAuth in the shape the Aliplayer SDK reads, valid for AuthInfoTimeout', async () => {
    const { PlayAuth } = await client().getVideoPlayAuth({ videoId: ID, authInfoTimeout: 600 });
    const payload = decodePlayAuth(PlayAuth);
    expect(payload).toMatchObject({
      AccessKeyId: expect.stringMatching(/^STS\.\w+/),
      AccessKeySecret: expect.stringMatching(/^\w{16,}$/),
      SecurityToken: expect.any(String),
      Region: 'cn-shanghai',
      CustomerId: expect.any(Number),
    });
    // A temporary key of its own, not the account's.
    expect(payload.AccessKeyId).not.toBe(emulator.accessKeyId);
    expect(payload.AccessKeySecret).not.toBe(emulator.accessKeySecret);
    const authInfo = decodeAuthInfo(payload.AuthInfo);
    expect(authInfo.MediaId).toBe(ID);
    expect(Date.parse(authInfo.ExpireTime) - clock.now()).toBe(600_000);
  });

  it('leaves AuthInfoTimeout out when not given, so VOD applies its default of 100 s', async () => {
    const { PlayAuth } = await client().getVideoPlayAuth({ videoId: ID });
    expect(new URL(attempts[0]?.url ?? '').searchParams.has('AuthInfoTimeout')).toBe(false);
    const { ExpireTime } = decodeAuthInfo(decodePlayAuth(PlayAuth).AuthInfo);
    expect(Date.parse(ExpireTime) - clock.now()).toBe(100_000);
  });

  it('reads the metadata of every playable catalogue video', async () => {
    const vod = client();
    const playable = EMULATOR_VIDEOS.filter((v) => v.status === 'Normal');
    for (const video of playable) {
      const { VideoMeta } = await vod.getVideoPlayAuth({ videoId: video.videoId });
      expect(VideoMeta).toMatchObject({
        VideoId: video.videoId,
        Title: video.title,
        Duration: video.duration,
        Status: 'Normal',
      });
    }
    expect(upstreamCodes()).toEqual(playable.map(() => 'OK'));
  });
});

describe('errors that are not retried', () => {
  it('InvalidVideo.NotFound for an unknown video (404, with the RequestId)', async () => {
    const error = await failure(client().getVideoPlayAuth({ videoId: 'no-such-video' }));
    expect(error).toMatchObject({
      code: 'InvalidVideo.NotFound',
      status: 404,
      kind: 'notFound',
      retryable: false,
      requestId: emulator.requests[0]?.requestId,
    });
    expect(error.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(error.message).toContain(error.requestId);
    expect(attempts).toHaveLength(1);
  });

  it.each([
    ['Transcoding', DEFAULT_VIDEO_IDS.transcoding],
    ['Blocked', DEFAULT_VIDEO_IDS.blocked],
  ])('Forbidden.IllegalStatus for a %s video (403)', async (_status, videoId) => {
    const error = await failure(client().getVideoPlayAuth({ videoId }));
    expect(error).toMatchObject({
      code: 'Forbidden.IllegalStatus',
      status: 403,
      kind: 'illegalStatus',
      retryable: false,
    });
    expect(attempts).toHaveLength(1);
  });

  it('SignatureDoesNotMatch with a wrong AccessKeySecret, without the echoed string to sign', async () => {
    const error = await failure(
      client({ accessKeySecret: WRONG_SECRET }).getVideoPlayAuth({ videoId: ID }),
    );
    expect(error).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 400,
      kind: 'configuration',
      retryable: false,
    });
    // The emulator, like the gateway, echoes the string to sign (with a SHA-256 hash): cut off.
    const upstream = JSON.parse(attempts[0]?.body ?? '{}') as { Message?: string };
    expect(upstream.Message).toMatch(/string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expect(error.message).not.toMatch(/[0-9a-f]{64}/);
    expect(error.message).toContain('check the AccessKey pair');
    expect(attempts).toHaveLength(1);
  });

  it('InvalidAccessKeyId.NotFound for an unknown AccessKeyId (404)', async () => {
    const error = await failure(
      client({ accessKeyId: UNKNOWN_KEY_ID }).getVideoPlayAuth({ videoId: ID }),
    );
    expect(error).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      status: 404,
      kind: 'configuration',
      retryable: false,
    });
    expect(error.message).not.toContain(UNKNOWN_KEY_ID);
    expect(attempts).toHaveLength(1);
  });

  it('Forbidden.RAM for a key whose policy does not allow GetVideoPlayAuth (403)', async () => {
    const error = await failure(client(LIMITED_KEY).getVideoPlayAuth({ videoId: ID }));
    expect(error).toMatchObject({
      code: 'Forbidden.RAM',
      status: 403,
      kind: 'configuration',
      retryable: false,
    });
    expect(attempts).toHaveLength(1);
  });

  it.each([
    ['ahead of', 16 * 60_000],
    ['behind', -16 * 60_000],
  ])(
    'InvalidTimeStamp.Expired when the emulator clock is 16 min %s the server',
    async (_w, skew) => {
      clock.advance(skew);
      const error = await failure(client().getVideoPlayAuth({ videoId: ID }));
      expect(error).toMatchObject({
        code: 'InvalidTimeStamp.Expired',
        status: 400,
        kind: 'configuration',
        retryable: false,
      });
      expect(upstreamCodes()).toEqual(['InvalidTimeStamp.Expired']);
    },
  );

  it('accepts a skew just under 15 minutes', async () => {
    clock.advance(14 * 60_000);
    await expect(client().getVideoPlayAuth({ videoId: ID })).resolves.toHaveProperty('PlayAuth');
  });
});

describe('STS credentials', () => {
  it('signs with the STS key and sends its token', async () => {
    const result = await client({
      accessKeyId: STS_KEY.accessKeyId,
      accessKeySecret: STS_KEY.accessKeySecret,
      securityToken: STS_KEY.securityToken,
    }).getVideoPlayAuth({ videoId: ID });
    produced.push(JSON.stringify(result));
    expect(attempts[0]).toMatchObject({
      accessKeyId: STS_KEY.accessKeyId,
      securityToken: STS_KEY.securityToken,
    });
    expect(upstreamCodes()).toEqual(['OK']);
  });

  it.each([
    ['without its token', undefined],
    ['with the token of another STS key', STS_KEY_ROTATED.securityToken],
  ])('refuses an STS key %s (not retried)', async (_w, securityToken) => {
    const error = await failure(
      client({
        accessKeyId: STS_KEY.accessKeyId,
        accessKeySecret: STS_KEY.accessKeySecret,
        securityToken,
      }).getVideoPlayAuth({ videoId: ID }),
    );
    expect(error).toMatchObject({
      code: 'InvalidSecurityToken.MismatchWithAccessKey',
      kind: 'configuration',
      retryable: false,
    });
    expect(attempts).toHaveLength(1);
  });

  it('asks a credentials provider before every attempt (a rotated token is used on retry)', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User', times: 1 });
    const provider = vi
      .fn<() => Promise<VodCredentials>>()
      .mockResolvedValueOnce(STS_KEY)
      .mockResolvedValueOnce(STS_KEY_ROTATED);
    const result = await client({ credentials: provider }).getVideoPlayAuth({ videoId: ID });
    expect(result.VideoMeta.VideoId).toBe(ID);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(attempts.map((a) => [a.accessKeyId, a.securityToken])).toEqual([
      [STS_KEY.accessKeyId, STS_KEY.securityToken],
      [STS_KEY_ROTATED.accessKeyId, STS_KEY_ROTATED.securityToken],
    ]);
    expect(upstreamCodes()).toEqual(['Throttling.User', 'OK']);
  });
});

describe('retries', () => {
  function expectFreshlySigned(list: Attempt[]) {
    expect(list.every((a) => a.nonce.length > 0 && a.signature.length === 64)).toBe(true);
    expect(new Set(list.map((a) => a.nonce)).size).toBe(list.length);
    expect(new Set(list.map((a) => a.signature)).size).toBe(list.length);
    for (const a of list) expect(Math.abs(Date.parse(a.date) - Date.now())).toBeLessThan(60_000);
  }

  it('retries Throttling.User with a fresh nonce each time until it ends', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User', times: 2 });
    const result = await client().getVideoPlayAuth({ videoId: ID });
    expect(result.VideoMeta.VideoId).toBe(ID);
    expect(attempts.map((a) => a.status)).toEqual([400, 400, 200]);
    expect(upstreamCodes()).toEqual(['Throttling.User', 'Throttling.User', 'OK']);
    expectFreshlySigned(attempts);
  });

  it('gives up on Throttling.User after maxRetries, as a retryable throttling error', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User' });
    const error = await failure(client().getVideoPlayAuth({ videoId: ID }));
    expect(error).toMatchObject({
      code: 'Throttling.User',
      status: 400,
      kind: 'throttling',
      retryable: true,
      requestId: emulator.requests.at(-1)?.requestId,
    });
    expect(upstreamCodes()).toEqual(Array(MAX_RETRIES + 1).fill('Throttling.User'));
    expectFreshlySigned(attempts);
  });

  it.each([
    ['ServiceUnavailable', 503],
    ['InternalError', 500],
  ])('retries %s, and succeeds once the fault ends', async (code, status) => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code, times: MAX_RETRIES });
    const result = await client().getVideoPlayAuth({ videoId: ID });
    expect(result.PlayAuth.length).toBeGreaterThan(0);
    expect(attempts.map((a) => a.status)).toEqual([...Array(MAX_RETRIES).fill(status), 200]);
    expectFreshlySigned(attempts);
  });

  it.each([
    ['ServiceUnavailable', 503],
    ['InternalError', 500],
  ])('gives up on %s after maxRetries', async (code, status) => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code });
    const error = await failure(client().getVideoPlayAuth({ videoId: ID }));
    expect(error).toMatchObject({ code, status, kind: 'unavailable', retryable: true });
    expect(emulator.count('GetVideoPlayAuth')).toBe(MAX_RETRIES + 1);
    expectFreshlySigned(attempts);
  });

  it('makes a single attempt with maxRetries: 0', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'ServiceUnavailable' });
    const error = await failure(client({ maxRetries: 0 }).getVideoPlayAuth({ videoId: ID }));
    expect(error.code).toBe('ServiceUnavailable');
    expect(emulator.count('GetVideoPlayAuth')).toBe(1);
  });

  it('retries dropped connections as NetworkError and succeeds once they stop', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', drop: true, times: 2 });
    const result = await client().getVideoPlayAuth({ videoId: ID });
    expect(result.VideoMeta.VideoId).toBe(ID);
    expect(upstreamCodes()).toEqual(['ConnectionDropped', 'ConnectionDropped', 'OK']);
    expectFreshlySigned(attempts);
  });

  it('reports NetworkError when every connection is dropped', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', drop: true });
    const error = await failure(client().getVideoPlayAuth({ videoId: ID }));
    expect(error).toMatchObject({ code: 'NetworkError', kind: 'unavailable', retryable: true });
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeDefined();
    expect(upstreamCodes()).toEqual(Array(MAX_RETRIES + 1).fill('ConnectionDropped'));
  });

  it('aborts an attempt after timeoutMs with Timeout', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', latencyMs: 400 });
    const started = performance.now();
    const error = await failure(
      client({ timeoutMs: 100, maxRetries: 0 }).getVideoPlayAuth({ videoId: ID }),
    );
    expect(performance.now() - started).toBeLessThan(350);
    expect(error).toMatchObject({ code: 'Timeout', kind: 'timeout', retryable: true });
    expect(error.message).toContain('100 ms');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.status).toBeUndefined();
    // The emulator still finishes the abandoned request; wait so it is not logged in a later test.
    await vi.waitFor(() => expect(emulator.count('GetVideoPlayAuth')).toBe(1), { timeout: 2000 });
  });

  it('retries after a timeout and succeeds when the next attempt is fast', async () => {
    emulator.addFault({ action: 'GetVideoPlayAuth', latencyMs: 400, times: 1 });
    const result = await client({ timeoutMs: 150, maxRetries: 1 }).getVideoPlayAuth({
      videoId: ID,
    });
    expect(result.VideoMeta.VideoId).toBe(ID);
    expect(attempts.map((a) => a.status)).toEqual([undefined, 200]);
    expectFreshlySigned(attempts);
    await vi.waitFor(() => expect(emulator.count('GetVideoPlayAuth')).toBe(2), { timeout: 2000 });
  });
});

describe('bad input never reaches the emulator', () => {
  it.each([
    '',
    'a'.repeat(65),
    'vidéo',
    '视频',
    '../x',
    "' OR 1=1--",
    '<script>alert(1)</script>',
    ' abc',
    'abc ',
    'a b',
    'abc\n',
    'a\u0000b',
    'abc/def',
    'a%2Fb',
  ])('refuses VideoId %j', async (videoId) => {
    const error = await failure(client().getVideoPlayAuth({ videoId }));
    expect(error).toMatchObject({ code: 'InvalidParameter', kind: 'parameter', retryable: false });
    expect(error.message).toContain('VideoId');
    expect(attempts).toEqual([]);
    expect(emulator.count('GetVideoPlayAuth')).toBe(0);
  });

  it.each([
    -1,
    0,
    99,
    3001,
    Number.NaN,
    1.5,
    100.5,
    Number.POSITIVE_INFINITY,
    1e12,
    Number.MAX_SAFE_INTEGER + 2,
  ])('refuses AuthInfoTimeout %d', async (authInfoTimeout) => {
    const error = await failure(client().getVideoPlayAuth({ videoId: ID, authInfoTimeout }));
    expect(error).toMatchObject({ code: 'InvalidParameter', retryable: false });
    expect(error.message).toContain('AuthInfoTimeout');
    expect(attempts).toEqual([]);
    expect(emulator.count('GetVideoPlayAuth')).toBe(0);
  });
});

// Last, so it sees what every test above produced.
describe('secret sweep', () => {
  it('no error message, stack, cause or result holds an AccessKey id, secret, token or signature', () => {
    const secrets = [
      emulator.accessKeyId,
      emulator.accessKeySecret,
      STS_KEY.accessKeyId,
      STS_KEY.accessKeySecret,
      STS_KEY.securityToken,
      STS_KEY_ROTATED.accessKeyId,
      STS_KEY_ROTATED.accessKeySecret,
      STS_KEY_ROTATED.securityToken,
      LIMITED_KEY.accessKeyId,
      LIMITED_KEY.accessKeySecret,
      WRONG_SECRET,
      UNKNOWN_KEY_ID,
      ...signatures,
    ];
    // Not vacuous: the suite above ran and signed many requests.
    expect(produced.length).toBeGreaterThan(100);
    expect(signatures.size).toBeGreaterThan(30);
    expect(findLeaks(produced, secrets)).toEqual([]);
  });
});
