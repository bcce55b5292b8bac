// HLS standard encryption end to end against the emulator over 127.0.0.1: the token service
// (createPlayAuthHandler({ hlsEncryption })), VOD's PlayConfig -> PlayURL -> playlist key URI,
// and the decryption service (createHlsDecryptHandler) with KMS Decrypt. Hostile, expired,
// replayed and wrong-video tokens never reach KMS; nothing secret shows in answers or logs.
import { createDecipheriv } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { parsePlayAuthResponse } from '@playauth/core';
import {
  type CreateHlsDecryptHandlerOptions,
  createHlsDecryptHandler,
  createKmsClient,
  createPlayAuthHandler,
  createVodClient,
  type HlsDecryptHandler,
  type PlayAuthHandler,
  toNodeHandler,
} from '@playauth/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  DEFAULT_VIDEO_IDS,
  decodePlayAuth,
  type GetPlayInfoBody,
  startVodEmulator,
  type VodEmulator,
} from '../index';
import { findLeaks } from './secretSweep';
import { sdkGetPlayInfoUrl } from './signers';

const ID = DEFAULT_VIDEO_IDS.encrypted;
const SECRET = 'hls-token-secret-0123456789abcdef-do-not-leak';
const OTHER_SECRET = 'another-secret-0123456789abcdef-forger';
const clock = createManualClock();
let emulator: VodEmulator;
let cacheDir: string;
let keyServer: Server;
let keyUrl: string;
let playAuthHandler: PlayAuthHandler;
let decryptHandler: HlsDecryptHandler;
const authorize = vi.fn<CreateHlsDecryptHandlerOptions['authorize']>(() => true);
/** Every answer of the decrypt service, every report and log line: swept at the end. */
const produced: string[] = [];
const logLines: string[] = [];
const tokens = new Set<string>();
const consoleSpies: Array<{ mockRestore(): void }> = [];

const clientOptions = () => ({
  endpoint: emulator.url,
  accessKeyId: emulator.accessKeyId,
  accessKeySecret: emulator.accessKeySecret,
  maxRetries: 0,
  timeoutMs: 2000,
});

function setupDecrypt(options: Partial<CreateHlsDecryptHandlerOptions> = {}): void {
  decryptHandler = createHlsDecryptHandler({
    kms: createKmsClient(clientOptions()),
    secret: SECRET,
    viewer: (request) => request.headers.get('x-viewer') ?? undefined,
    keyOwner: (ciphertext) => {
      for (const video of emulator.videos) {
        if (emulator.encryptionKeyOf(video.videoId)?.ciphertextBlob === ciphertext)
          return video.videoId;
      }
      return undefined;
    },
    authorize,
    now: () => clock.now(),
    ...options,
  });
}

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playauth-hls-decrypt-'));
  emulator = await startVodEmulator({
    clock,
    renditions: { cacheDir },
    log: (line) => logLines.push(line),
  });
  keyServer = createServer(toNodeHandler((request) => decryptHandler(request)));
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  keyUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/api/hls-key`;
  emulator.setDecryptServiceUrl(keyUrl);
  for (const method of ['error', 'warn', 'log', 'info'] as const) {
    consoleSpies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
      }),
    );
  }
  playAuthHandler = createPlayAuthHandler({
    client: createVodClient(clientOptions()),
    authorize: () => true,
    hlsEncryption: {
      secret: SECRET,
      viewer: (request) => request.headers.get('x-viewer') ?? undefined,
    },
    now: () => clock.now(),
  });
});

afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore();
  await new Promise<void>((resolve) => keyServer.close(() => resolve()));
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
});

beforeEach(() => {
  authorize.mockClear();
  authorize.mockImplementation(() => true);
  emulator.clearFaults();
  setupDecrypt();
});

/** The PlayAuth endpoint's answer for `viewer`, parsed as the browser does. */
async function credential(videoId: string = ID, viewer = 'alice') {
  const issuedAt = clock.now();
  const response = await playAuthHandler(
    new Request(`http://app.test/api/play-auth?VideoId=${videoId}&AuthInfoTimeout=300`, {
      headers: { 'x-viewer': viewer },
    }),
  );
  const body = await response.json();
  const parsed = parsePlayAuthResponse(
    body,
    { videoId, authInfoTimeout: 300, issuedAt },
    response.status,
  );
  if (parsed.hlsUriToken) tokens.add(parsed.hlsUriToken);
  return parsed;
}

/** What the player does with a credential: GetPlayInfo with playConfig, then the SD playlist. */
async function playlistFor(videoId: string, playAuth: string, token: string | undefined) {
  const url = sdkGetPlayInfoUrl(emulator.url, decodePlayAuth(playAuth), videoId, {
    overrides: { PlayConfig: JSON.stringify(token ? { MtsHlsUriToken: token } : {}) },
  });
  const info = (await (await fetch(url)).json()) as GetPlayInfoBody;
  const sd = info.PlayInfoList.PlayInfo.find((p) => p.Definition === 'SD');
  const playUrl = sd?.PlayURL ?? '';
  return { playUrl, text: await (await fetch(playUrl)).text() };
}

function keyUriOf(playlist: string): string {
  const uri = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)"/.exec(playlist)?.[1];
  if (!uri) throw new Error('no key URI');
  return uri;
}

async function fetchKey(url: string, viewer = 'alice', init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { ...(viewer ? { 'x-viewer': viewer } : {}), ...init.headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const headers = JSON.stringify([...response.headers]);
  produced.push(headers, response.status === 200 ? '' : bytes.toString('utf8'));
  const body =
    response.status === 200
      ? undefined
      : (JSON.parse(bytes.toString('utf8')) as Record<string, string>);
  return { status: response.status, headers: response.headers, bytes, body };
}

/** The key URI with `MtsHlsUriToken` replaced (or removed with `undefined`). */
function withToken(uri: string, token: string | undefined): string {
  const url = new URL(uri);
  url.searchParams.delete('MtsHlsUriToken');
  if (token !== undefined) url.searchParams.append('MtsHlsUriToken', token);
  return url.toString();
}

const kmsCalls = () => emulator.count('Decrypt');

describe('the encrypted video end to end', () => {
  it('one credential request gives the token; the key URI carries it; the key decrypts the segments', async () => {
    const cred = await credential();
    expect(cred.hlsUriToken).toMatch(/^v1\.[\w-]+\.[\w-]{43}$/);
    const { playUrl, text } = await playlistFor(ID, cred.playAuth, cred.hlsUriToken);
    const keyUri = new URL(keyUriOf(text));
    expect(keyUri.searchParams.get('MtsHlsUriToken')).toBe(cred.hlsUriToken);
    const before = kmsCalls();
    const key = await fetchKey(keyUri.toString());
    expect(key.status).toBe(200);
    expect(key.headers.get('content-type')).toBe('application/octet-stream');
    expect(key.headers.get('cache-control')).toBe('no-store');
    expect(key.bytes).toHaveLength(16);
    expect(kmsCalls()).toBe(before + 1);
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), { videoId: ID, viewer: 'alice' });
    // The key opens segment 0 (IV from the playlist).
    const iv = Buffer.from(/IV=0x([0-9a-f]{32})/i.exec(text)?.[1] ?? '', 'hex');
    const seg = text.split('\n').find((l) => l.startsWith('seg-000.ts')) ?? '';
    const cipher = Buffer.from(await (await fetch(new URL(seg, playUrl))).arrayBuffer());
    const decipher = createDecipheriv('aes-128-cbc', key.bytes, iv);
    const clear = Buffer.concat([decipher.update(cipher), decipher.final()]);
    expect(clear[0]).toBe(0x47);
    expect(clear[188]).toBe(0x47);
  });

  it('keys are cached in memory: a second viewer costs no KMS call; cache: false calls every time', async () => {
    const a = await credential(ID, 'alice');
    const b = await credential(ID, 'bob');
    const { text } = await playlistFor(ID, a.playAuth, a.hlsUriToken);
    const uri = keyUriOf(text);
    const before = kmsCalls();
    expect((await fetchKey(uri)).status).toBe(200);
    expect((await fetchKey(withToken(uri, b.hlsUriToken), 'bob')).status).toBe(200);
    expect(kmsCalls()).toBe(before + 1);
    setupDecrypt({ cache: false });
    expect((await fetchKey(uri)).status).toBe(200);
    expect((await fetchKey(uri)).status).toBe(200);
    expect(kmsCalls()).toBe(before + 3);
  });

  it('tokens of a clear video are minted too (the app cannot know which videos are encrypted)', async () => {
    const cred = await credential(DEFAULT_VIDEO_IDS.testPattern);
    expect(cred.hlsUriToken).toBeDefined();
  });
});

describe('refused before KMS: typed 4xx JSON, no Decrypt call', () => {
  let uri: string;
  let token: string;
  beforeEach(async () => {
    const cred = await credential();
    token = cred.hlsUriToken ?? '';
    uri = keyUriOf((await playlistFor(ID, cred.playAuth, token)).text);
  });

  async function expectRefused(url: string, status: number, code: string, viewer = 'alice') {
    const before = kmsCalls();
    const answer = await fetchKey(url, viewer);
    expect(answer.status).toBe(status);
    expect(answer.body?.Code).toBe(code);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(kmsCalls()).toBe(before);
  }

  it('no token (CDN pass-through off, or an old player): InvalidToken.Missing', async () => {
    await expectRefused(withToken(uri, undefined), 403, 'InvalidToken.Missing');
    await expectRefused(withToken(uri, ''), 403, 'InvalidToken.Missing');
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['another format', 'v2.abc.def'],
    ['a truncated signature', () => token.slice(0, -1)],
    [
      'a flipped signature character',
      () => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    ],
    ['10 kB', 'v1.'.padEnd(10_000, 'a')],
    ['unicode', 'v1.é.ü'],
  ])('a hostile token (%s): InvalidToken', async (_label, value) => {
    const hostile = typeof value === 'function' ? value() : value;
    await expectRefused(withToken(uri, hostile), 403, 'InvalidToken');
  });

  it('a forged token (signed with another secret) and a re-signed claim swap: InvalidToken', async () => {
    const forger = createPlayAuthHandler({
      client: createVodClient(clientOptions()),
      authorize: () => true,
      hlsEncryption: { secret: OTHER_SECRET },
    });
    const forged = (await (
      await forger(new Request(`http://app.test/?VideoId=${ID}&AuthInfoTimeout=300`))
    ).json()) as { MtsHlsUriToken: string };
    await expectRefused(withToken(uri, forged.MtsHlsUriToken), 403, 'InvalidToken');
    // Claims of another video pasted onto this token's signature.
    const [, , signature] = token.split('.');
    const other = (await credential(DEFAULT_VIDEO_IDS.colourBars)).hlsUriToken ?? '';
    const [, claims] = other.split('.');
    await expectRefused(withToken(uri, `v1.${claims}.${signature}`), 403, 'InvalidToken');
  });

  it('two tokens in one URI: InvalidToken; a repeated or missing Ciphertext: InvalidParameter', async () => {
    const twice = new URL(uri);
    twice.searchParams.append('MtsHlsUriToken', token);
    await expectRefused(twice.toString(), 403, 'InvalidToken');
    const repeated = new URL(uri);
    repeated.searchParams.append('Ciphertext', repeated.searchParams.get('Ciphertext') ?? '');
    await expectRefused(repeated.toString(), 400, 'InvalidParameter');
    const none = new URL(uri);
    none.searchParams.delete('Ciphertext');
    await expectRefused(none.toString(), 400, 'InvalidParameter');
  });

  it('an expired token: InvalidToken.Expired (the player renews and retries)', async () => {
    clock.advance(301_000);
    await expectRefused(uri, 403, 'InvalidToken.Expired');
    // A fresh credential after renewal opens the key again.
    const fresh = await credential();
    expect((await fetchKey(withToken(uri, fresh.hlsUriToken))).status).toBe(200);
  });

  it('a token for another viewer, or a request without one: InvalidToken.Viewer', async () => {
    await expectRefused(uri, 403, 'InvalidToken.Viewer', 'mallory');
    await expectRefused(uri, 403, 'InvalidToken.Viewer', '');
    setupDecrypt({ viewer: undefined }); // the decryption service cannot tell viewers apart
    await expectRefused(uri, 403, 'InvalidToken.Viewer');
  });

  it('a valid token for another video with this key: Forbidden.WrongVideo; an unknown key too', async () => {
    const other = (await credential(DEFAULT_VIDEO_IDS.colourBars)).hlsUriToken;
    await expectRefused(withToken(uri, other), 403, 'Forbidden.WrongVideo');
    const unknown = new URL(uri);
    unknown.searchParams.set('Ciphertext', Buffer.alloc(61, 7).toString('base64'));
    await expectRefused(unknown.toString(), 403, 'Forbidden.WrongVideo');
  });

  it('authorize refusing (or throwing): Forbidden.NotAuthorized (or 500), no KMS call', async () => {
    authorize.mockImplementation(() => false);
    await expectRefused(uri, 403, 'Forbidden.NotAuthorized');
    authorize.mockImplementation(() => {
      throw new Error('session store down');
    });
    await expectRefused(uri, 500, 'InternalError');
  });

  it('replays: a token opens the key maxUses times (default 3), then InvalidToken.Replayed', async () => {
    for (let i = 0; i < 3; i++) expect((await fetchKey(uri)).status).toBe(200);
    await expectRefused(uri, 403, 'InvalidToken.Replayed');
    // Refusals before the count (viewer, authorize) do not use the token up.
    const fresh = withToken(uri, (await credential()).hlsUriToken);
    authorize.mockImplementation(() => false);
    for (let i = 0; i < 5; i++) await expectRefused(fresh, 403, 'Forbidden.NotAuthorized');
    authorize.mockImplementation(() => true);
    expect((await fetchKey(fresh)).status).toBe(200);
    setupDecrypt({ maxUses: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5; i++) expect((await fetchKey(uri)).status).toBe(200);
  });

  it('other methods: 405 with Allow', async () => {
    const answer = await fetchKey(uri, 'alice', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
  });
});

describe('KMS failures', () => {
  let uri: string;
  beforeEach(async () => {
    setupDecrypt({ cache: false, maxUses: Number.POSITIVE_INFINITY });
    const cred = await credential();
    uri = keyUriOf((await playlistFor(ID, cred.playAuth, cred.hlsUriToken)).text);
  });

  it('KMS down: 503 ServiceUnavailable with Retry-After; a dropped connection too; then recovers', async () => {
    emulator.addFault({ action: 'Decrypt', code: 'ServiceUnavailable', times: 1 });
    const down = await fetchKey(uri);
    expect(down.status).toBe(503);
    expect(down.body?.Code).toBe('ServiceUnavailable');
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    emulator.addFault({ action: 'Decrypt', drop: true, times: 1 });
    expect((await fetchKey(uri)).status).toBe(503);
    expect((await fetchKey(uri)).status).toBe(200);
  });

  it('KMS refusing the key (altered EDK under a valid token): 400 InvalidParameter', async () => {
    setupDecrypt({ cache: false, keyOwner: undefined });
    const altered = new URL(uri);
    const blob = Buffer.from(altered.searchParams.get('Ciphertext') ?? '', 'base64');
    blob[30] = (blob[30] ?? 0) ^ 0xff;
    altered.searchParams.set('Ciphertext', blob.toString('base64'));
    const answer = await fetchKey(altered.toString());
    expect(answer.status).toBe(400);
    expect(answer.body?.Code).toBe('InvalidParameter');
  });

  it('a wrong KMS secret: 502 BadGateway, details only in the log', async () => {
    setupDecrypt({
      cache: false,
      kms: createKmsClient({ ...clientOptions(), accessKeySecret: 'wrong-kms-secret-value' }),
    });
    const answer = await fetchKey(uri);
    expect(answer.status).toBe(502);
    expect(answer.body?.Code).toBe('BadGateway');
    expect(logLines.some((l) => l.includes('SignatureDoesNotMatch'))).toBe(true);
  });
});

describe('secret sweep', () => {
  it('no key, secret, token or EDK in any decrypt-service answer, report or log line', async () => {
    const edk = emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '';
    const cred = await credential();
    const { text } = await playlistFor(ID, cred.playAuth, cred.hlsUriToken);
    const key = await fetchKey(keyUriOf(text));
    produced.push(...logLines);
    expect(produced.length).toBeGreaterThan(40);
    const secrets = [
      SECRET,
      OTHER_SECRET,
      emulator.accessKeySecret,
      edk,
      encodeURIComponent(edk),
      key.bytes.toString('hex'),
      key.bytes.toString('base64'),
      key.bytes.toString('latin1'),
      ...tokens,
    ];
    expect(findLeaks(produced, secrets)).toEqual([]);
  });
});
