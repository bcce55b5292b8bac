import { createDecipheriv } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GetPlayInfoBody } from '@playauth/vod-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { createManualClock } from '../clock';
import { decodeAuthInfo, decodePlayAuth } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';
import { sdkGetPlayInfoUrl, signV3, tamperV3 } from './signers';

const ID = DEFAULT_VIDEO_IDS.encrypted;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const DECRYPT_URL = 'http://127.0.0.1:9/api/hls-key';
const clock = createManualClock(T0);
let emulator: VodEmulator;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playauth-emulator-hls-aes-'));
  emulator = await startVodEmulator({
    clock,
    renditions: { cacheDir },
    decryptServiceUrl: DECRYPT_URL,
  });
});
afterAll(async () => {
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
});
beforeEach(() => {
  clock.set(T0);
  emulator.clearFaults();
  emulator.setDecryptServiceUrl(DECRYPT_URL);
});

type Answer = GetPlayInfoBody & { Code?: string; Message?: string };

/** GetPlayInfo as the Aliplayer SDK sends it, with `playConfig` as the SDK option. */
async function sdkGetPlayInfo(videoId: string, playConfig: Record<string, unknown> = {}) {
  const playAuth = decodePlayAuth(emulator.createPlayAuth(videoId, 3000));
  const url = sdkGetPlayInfoUrl(emulator.url, playAuth, videoId, {
    overrides: { PlayConfig: JSON.stringify(playConfig) },
  });
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Answer };
}

function kmsDecryptRequest(
  query: Record<string, string>,
  secret = emulator.accessKeySecret,
  version = '2016-01-20',
) {
  return signV3({
    baseUrl: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: secret,
    action: 'Decrypt',
    version,
    query,
    date: new Date(clock.now()),
  });
}

async function kmsDecrypt(query: Record<string, string>, secret?: string) {
  const { url, init } = kmsDecryptRequest(query, secret);
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

function keyUriOf(playlist: string): URL {
  const match = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)",IV=0x([0-9a-f]{32})/i.exec(playlist);
  if (!match?.[1]) throw new Error(`no EXT-X-KEY in\n${playlist}`);
  return new URL(match[1]);
}

describe('HLS standard encryption: GetPlayInfo', () => {
  it('lists only encrypted HLS (Encrypt 1, EncryptType HLSEncryption), no clear MP4', async () => {
    const { status, body } = await sdkGetPlayInfo(ID);
    expect(status).toBe(200);
    expect(body.PlayInfoList.PlayInfo.map((p) => `${p.Definition}/${p.Format}`)).toEqual([
      'LD/m3u8',
      'SD/m3u8',
    ]);
    for (const p of body.PlayInfoList.PlayInfo) {
      expect(p).toMatchObject({ Encrypt: 1, EncryptType: 'HLSEncryption' });
    }
  });

  it('appends PlayConfig.MtsHlsUriToken to every PlayURL, percent-encoded', async () => {
    const token = 'v1.abc+/=def';
    const { body } = await sdkGetPlayInfo(ID, { MtsHlsUriToken: token });
    for (const p of body.PlayInfoList.PlayInfo) {
      expect(new URL(p.PlayURL).searchParams.get('MtsHlsUriToken')).toBe(token);
      expect(p.PlayURL).toContain(`&MtsHlsUriToken=${encodeURIComponent(token)}`);
    }
  });

  it('refuses a PlayConfig that is not a JSON object, or a bad token, as InvalidParameter', async () => {
    const playAuth = decodePlayAuth(emulator.createPlayAuth(ID, 3000));
    for (const PlayConfig of [
      '{not json',
      '[]',
      '{"MtsHlsUriToken":42}',
      '{"MtsHlsUriToken":""}',
    ]) {
      const url = sdkGetPlayInfoUrl(emulator.url, playAuth, ID, { overrides: { PlayConfig } });
      const res = await fetch(url);
      const body = (await res.json()) as Answer;
      expect(res.status).toBe(400);
      expect(body.Code).toBe('InvalidParameter');
      expect(body.Message).toContain('PlayConfig');
    }
  });

  it('clear videos keep Encrypt 0 and get the token too (VOD does not know which need it)', async () => {
    const { body } = await sdkGetPlayInfo(DEFAULT_VIDEO_IDS.testPattern, { MtsHlsUriToken: 't' });
    for (const p of body.PlayInfoList.PlayInfo) {
      expect(p.Encrypt).toBe(0);
      expect(p).not.toHaveProperty('EncryptType');
      expect(new URL(p.PlayURL).searchParams.get('MtsHlsUriToken')).toBe('t');
    }
  });
});

describe('HLS standard encryption: the served playlist', () => {
  it('points EXT-X-KEY at the decrypt service with the EDK and the passed-through token', async () => {
    const token = 'tok.en-1';
    const { body } = await sdkGetPlayInfo(ID, { MtsHlsUriToken: token });
    const sd = body.PlayInfoList.PlayInfo.find((p) => p.Definition === 'SD');
    const playlist = await (await fetch(sd?.PlayURL ?? '')).text();
    const keyUri = keyUriOf(playlist);
    expect(`${keyUri.origin}${keyUri.pathname}`).toBe(DECRYPT_URL);
    expect(keyUri.searchParams.get('Ciphertext')).toBe(
      emulator.encryptionKeyOf(ID)?.ciphertextBlob,
    );
    expect(keyUri.searchParams.get('MtsHlsUriToken')).toBe(token);
    expect([...keyUri.searchParams.keys()]).toEqual(['Ciphertext', 'MtsHlsUriToken']);
    // Segments stay signed (M3U8 rewrite) and the key tag appears once.
    expect(playlist.match(/#EXT-X-KEY/g)).toHaveLength(1);
    expect(playlist).toMatch(/^seg-000\.ts\?auth_key=/m);
  });

  it('has no MtsHlsUriToken in the key URI when the play URL had none', async () => {
    const { body } = await sdkGetPlayInfo(ID);
    const playlist = await (await fetch(body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '')).text();
    expect(keyUriOf(playlist).searchParams.has('MtsHlsUriToken')).toBe(false);
  });

  it('a decrypt service URL with a query keeps it; setDecryptServiceUrl takes effect at once', async () => {
    emulator.setDecryptServiceUrl('https://keys.example.com/hls?tenant=a');
    const { body } = await sdkGetPlayInfo(ID, { MtsHlsUriToken: 't' });
    const playlist = await (await fetch(body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '')).text();
    const keyUri = keyUriOf(playlist);
    expect(keyUri.origin).toBe('https://keys.example.com');
    expect([...keyUri.searchParams.keys()]).toEqual(['tenant', 'Ciphertext', 'MtsHlsUriToken']);
    expect(() => emulator.setDecryptServiceUrl('keys.example.com/no-scheme')).toThrow(TypeError);
  });

  it('without a configured decrypt service the key URI answers 404 DecryptServiceNotConfigured', async () => {
    const plain = await startVodEmulator({ clock, renditions: { cacheDir } });
    try {
      const playAuth = decodePlayAuth(plain.createPlayAuth(ID, 3000));
      const res = await fetch(sdkGetPlayInfoUrl(plain.url, playAuth, ID));
      const info = (await res.json()) as Answer;
      const playlist = await (await fetch(info.PlayInfoList.PlayInfo[0]?.PlayURL ?? '')).text();
      const key = await fetch(keyUriOf(playlist));
      expect(key.status).toBe(404);
      expect(((await key.json()) as { Code: string }).Code).toBe('DecryptServiceNotConfigured');
    } finally {
      await plain.close();
    }
  });

  it('segments are AES-128-CBC encrypted with the KMS data key (decrypt to MPEG-TS)', async () => {
    const { body } = await sdkGetPlayInfo(ID);
    const playUrl = body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '';
    const playlist = await (await fetch(playUrl)).text();
    const iv = Buffer.from(/IV=0x([0-9a-f]{32})/i.exec(playlist)?.[1] ?? '', 'hex');
    const segment = playlist.split('\n').find((l) => l.startsWith('seg-000.ts'));
    const bytes = Buffer.from(await (await fetch(new URL(segment ?? '', playUrl))).arrayBuffer());
    expect(bytes[0]).not.toBe(0x47); // not clear MPEG-TS
    const { body: key } = await kmsDecrypt({
      CiphertextBlob: emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '',
    });
    const decipher = createDecipheriv(
      'aes-128-cbc',
      Buffer.from(key.Plaintext ?? '', 'base64'),
      iv,
    );
    const clear = Buffer.concat([decipher.update(bytes), decipher.final()]);
    expect(clear.length % 188).toBe(0);
    for (let i = 0; i < clear.length; i += 188) expect(clear[i]).toBe(0x47);
  });

  it('serves no clear MP4 of the encrypted video', async () => {
    const { body } = await sdkGetPlayInfo(ID);
    const mp4 = new URL(body.PlayInfoList.PlayInfo[0]?.PlayURL ?? '');
    mp4.pathname = mp4.pathname.replace('index.m3u8', 'video.mp4');
    // The auth_key is bound to the playlist's path (403 first); the route has no clear file either.
    expect([403, 404]).toContain((await fetch(mp4)).status);
  });

  it('without renditions the encrypted video has no stream (NoneStream names why)', async () => {
    const plain = await startVodEmulator({ clock });
    try {
      const playAuth = decodePlayAuth(plain.createPlayAuth(ID, 3000));
      const res = await fetch(sdkGetPlayInfoUrl(plain.url, playAuth, ID));
      const body = (await res.json()) as Answer;
      expect(res.status).toBe(404);
      expect(body.Code).toBe('InvalidVideo.NoneStream');
      expect(body.Message).toContain('renditions');
      expect(plain.encryptionKeyOf(ID)).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('KMS Decrypt (2016-01-20)', () => {
  it('answers { KeyId, KeyVersionId, Plaintext (16 bytes base64), RequestId } to a signed call', async () => {
    const edk = emulator.encryptionKeyOf(ID);
    const { status, body } = await kmsDecrypt({ CiphertextBlob: edk?.ciphertextBlob ?? '' });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['KeyId', 'KeyVersionId', 'Plaintext', 'RequestId']);
    expect(body.KeyId).toBe(emulator.kmsKeyId);
    expect(edk?.keyId).toBe(emulator.kmsKeyId);
    expect(Buffer.from(body.Plaintext ?? '', 'base64')).toHaveLength(16);
    expect(emulator.requests.at(-1)).toMatchObject({ action: 'Decrypt', code: 'OK' });
  });

  it('refuses a wrong signature, an unknown key, a stale date and a reused nonce like the gateway', async () => {
    const blob = emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '';
    const { url, init } = kmsDecryptRequest({ CiphertextBlob: blob });
    const tampered = await fetch(url, tamperV3(init));
    expect(((await tampered.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');
    const wrongSecret = await kmsDecrypt({ CiphertextBlob: blob }, 'not-the-secret');
    expect(wrongSecret.body.Code).toBe('SignatureDoesNotMatch');
    const ok = await fetch(url, init);
    expect(ok.status).toBe(200);
    const replay = await fetch(url, init);
    expect(((await replay.json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
    clock.advance(16 * 60_000);
    expect((await kmsDecrypt({ CiphertextBlob: blob })).status).toBe(200); // fresh date: fine
    const stale = kmsDecryptRequest({ CiphertextBlob: blob });
    clock.advance(16 * 60_000);
    const late = await fetch(stale.url, stale.init);
    expect(((await late.json()) as { Code: string }).Code).toBe('InvalidTimeStamp.Expired');
  });

  it('InvalidCiphertext (400) for an altered, foreign or malformed blob; MissingParameter without one', async () => {
    const blob = emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '';
    const flipped = Buffer.from(blob, 'base64');
    flipped[40] = (flipped[40] ?? 0) ^ 1;
    const other = await startVodEmulator({ clock, renditions: { cacheDir } });
    const foreign = other.encryptionKeyOf(ID)?.ciphertextBlob ?? '';
    await other.close();
    for (const CiphertextBlob of [flipped.toString('base64'), foreign, 'not base64!', 'QUJD']) {
      const { status, body } = await kmsDecrypt({ CiphertextBlob });
      expect(status).toBe(400);
      expect(body.Code).toBe('InvalidCiphertext');
      expect(JSON.stringify(body)).not.toContain(blob);
    }
    expect((await kmsDecrypt({})).body.Code).toBe('MissingParameter');
    const withContext = await kmsDecrypt({ CiphertextBlob: blob, EncryptionContext: '{"a":"b"}' });
    expect(withContext.body.Code).toBe('InvalidCiphertext');
  });

  it('a PlayAuth STS key may not call Decrypt (Forbidden.RAM), nor a key without the action', async () => {
    const playAuth = decodePlayAuth(emulator.createPlayAuth(ID, 3000));
    const { url, init } = signV3({
      baseUrl: emulator.url,
      accessKeyId: playAuth.AccessKeyId,
      accessKeySecret: playAuth.AccessKeySecret,
      securityToken: playAuth.SecurityToken,
      action: 'Decrypt',
      version: '2016-01-20',
      query: { CiphertextBlob: emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '' },
      date: new Date(clock.now()),
    });
    expect(decodeAuthInfo(playAuth.AuthInfo).MediaId).toBe(ID);
    const res = await fetch(url, init);
    expect(((await res.json()) as { Code: string }).Code).toBe('Forbidden.RAM');
  });

  it('the VOD version is refused for Decrypt (InvalidVersion), and faults apply (KMS down)', async () => {
    const { url, init } = kmsDecryptRequest(
      { CiphertextBlob: 'x' },
      emulator.accessKeySecret,
      '2017-03-21',
    );
    expect(((await (await fetch(url, init)).json()) as { Code: string }).Code).toBe(
      'InvalidVersion',
    );
    emulator.addFault({ action: 'Decrypt', code: 'ServiceUnavailable', times: 1 });
    const blob = emulator.encryptionKeyOf(ID)?.ciphertextBlob ?? '';
    expect((await kmsDecrypt({ CiphertextBlob: blob })).status).toBe(503);
    expect((await kmsDecrypt({ CiphertextBlob: blob })).status).toBe(200);
  });
});
