import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CreateHlsDecryptHandlerOptions,
  createHlsDecryptHandler,
} from '../createHlsDecryptHandler';
import type { KmsClient } from '../createKmsClient';
import { importHlsUriTokenKeys } from '../hlsUriTokenKeys';
import { mintHlsUriToken } from '../mintHlsUriToken';
import { VodApiError } from '../VodApiError';

const SECRET = 'decrypt-unit-secret-0123456789abcdef';
const KEY = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const BLOB_A = 'QUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const BLOB_B = 'QkJCQkJCQkJCQkJCQkJCQkJCQkJC';
const T = Date.UTC(2026, 0, 1);

type Decrypt = KmsClient['decrypt'];

function setup(options: Partial<CreateHlsDecryptHandlerOptions> = {}, decrypt?: Decrypt) {
  const kmsDecrypt = vi.fn<Decrypt>(
    decrypt ??
      (async () => ({
        RequestId: 'R',
        KeyId: 'k',
        Plaintext: btoa(String.fromCharCode(...KEY)),
      })),
  );
  const onError = vi.fn();
  const handler = createHlsDecryptHandler({
    kms: { decrypt: kmsDecrypt },
    secret: SECRET,
    authorize: () => true,
    now: () => T,
    onError,
    ...options,
  });
  return { handler, kmsDecrypt, onError };
}

async function token(videoId = 'v1', expiresAt = T + 60_000) {
  return mintHlsUriToken(await importHlsUriTokenKeys([SECRET]), { videoId, expiresAt });
}

const keyRequest = (blob: string, tok: string, init?: RequestInit) =>
  new Request(
    `https://app.example/api/hls-key?Ciphertext=${encodeURIComponent(blob)}&MtsHlsUriToken=${tok}`,
    init,
  );

afterEach(() => vi.restoreAllMocks());

describe('createHlsDecryptHandler: setup', () => {
  it('requires kms, authorize (with the explicit allow-all spelled out) and a long secret', () => {
    const kms = { decrypt: vi.fn<Decrypt>() };
    const base = { kms, secret: SECRET, authorize: () => true };
    expect(() => createHlsDecryptHandler({ ...base, kms: undefined as never })).toThrow(
      /`kms` is required/,
    );
    expect(() => createHlsDecryptHandler({ ...base, authorize: undefined as never })).toThrow(
      /authorize: \(\) => true/,
    );
    expect(() => createHlsDecryptHandler({ ...base, secret: 'short' })).toThrow(/32 characters/);
    for (const maxUses of [0, 1.5, -1]) {
      expect(() => createHlsDecryptHandler({ ...base, maxUses })).toThrow(/maxUses/);
    }
    expect(() => createHlsDecryptHandler({ ...base, cache: { maxEntries: 0 } })).toThrow(/cache/);
  });
});

describe('createHlsDecryptHandler: keys', () => {
  it('answers the 16 raw bytes, no-store, octet-stream; a `+` that arrived as a space still works', async () => {
    const { handler, kmsDecrypt } = setup();
    const blob = 'AB+CDEFGHIJKLMNOPQRSTUVW';
    const res = await handler(
      new Request(`https://app.example/k?Ciphertext=${blob}&MtsHlsUriToken=${await token()}`),
    );
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(KEY);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(kmsDecrypt).toHaveBeenCalledWith({ ciphertextBlob: blob }, expect.anything());
  });

  it('shares one KMS call between concurrent requests for a key, and caches per key (bounded)', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { handler, kmsDecrypt } = setup({ cache: { maxEntries: 1 }, maxUses: 100 }, async () => {
      await gate;
      return { RequestId: 'R', KeyId: 'k', Plaintext: btoa(String.fromCharCode(...KEY)) };
    });
    const tok = await token();
    const pending = [1, 2, 3].map(() => handler(keyRequest(BLOB_A, tok)));
    release();
    for (const res of await Promise.all(pending)) expect(res.status).toBe(200);
    expect(kmsDecrypt).toHaveBeenCalledTimes(1);
    await handler(keyRequest(BLOB_A, tok));
    expect(kmsDecrypt).toHaveBeenCalledTimes(1);
    await handler(keyRequest(BLOB_B, tok)); // evicts A (maxEntries 1)
    await handler(keyRequest(BLOB_A, tok));
    expect(kmsDecrypt).toHaveBeenCalledTimes(3);
  });

  it('a cached key expires after ttlMs', async () => {
    let now = T;
    const { handler, kmsDecrypt } = setup({ now: () => now, cache: { ttlMs: 1000 } });
    const tok = await token('v1', T + 60_000);
    await handler(keyRequest(BLOB_A, tok));
    now += 1000;
    await handler(keyRequest(BLOB_A, tok));
    expect(kmsDecrypt).toHaveBeenCalledTimes(2);
  });

  it('a KMS answer that is not 16 bytes: 502, reported as InvalidKey, not cached', async () => {
    const { handler, onError, kmsDecrypt } = setup({}, async () => ({
      RequestId: 'R',
      KeyId: 'k',
      Plaintext: btoa('short'),
    }));
    const tok = await token();
    expect((await handler(keyRequest(BLOB_A, tok))).status).toBe(502);
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ code: 'InvalidKey', status: 502 });
    await handler(keyRequest(BLOB_A, tok));
    expect(kmsDecrypt).toHaveBeenCalledTimes(2);
  });

  it('KMS hanging: 504 Timeout within deadlineMs, reported', async () => {
    const { handler, onError } = setup({ deadlineMs: 50 }, () => new Promise(() => {}));
    const res = await handler(keyRequest(BLOB_A, await token()));
    expect(res.status).toBe(504);
    expect(((await res.json()) as { Code: string }).Code).toBe('Timeout');
    expect(onError).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ status: 504 }),
    );
  });

  it('KMS errors map like the PlayAuth endpoint: throttling/unavailable 503, configuration 502', async () => {
    const cases: Array<[VodApiError, number, string]> = [
      [new VodApiError('ServiceUnavailable', 'x', { status: 503 }), 503, 'ServiceUnavailable'],
      [new VodApiError('Throttling.User', 'x', { status: 429 }), 503, 'ServiceUnavailable'],
      [new VodApiError('SignatureDoesNotMatch', 'x', { status: 400 }), 502, 'BadGateway'],
      [new VodApiError('InvalidCiphertext', 'x', { status: 400 }), 400, 'InvalidParameter'],
    ];
    for (const [error, status, code] of cases) {
      const { handler } = setup({}, async () => {
        throw error;
      });
      const res = await handler(keyRequest(BLOB_A, await token()));
      expect(res.status).toBe(status);
      expect(((await res.json()) as { Code: string }).Code).toBe(code);
    }
  });

  it('CORS: preflight 204 and the grant on answers, when configured', async () => {
    const { handler } = setup({ cors: { origin: 'https://player.example' } });
    const pre = await handler(
      new Request('https://app.example/k', {
        method: 'OPTIONS',
        headers: { origin: 'https://player.example', 'access-control-request-method': 'GET' },
      }),
    );
    expect(pre.status).toBe(204);
    const res = await handler(
      keyRequest(BLOB_A, await token(), { headers: { origin: 'https://player.example' } }),
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('https://player.example');
  });

  it('the default onError logs one line with the code only', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
    const handler = createHlsDecryptHandler({
      kms: {
        decrypt: async () => {
          throw new VodApiError('ServiceUnavailable', `down for ${BLOB_A}`, { status: 503 });
        },
      },
      secret: SECRET,
      authorize: () => true,
      now: () => T,
    });
    await handler(keyRequest(BLOB_A, await token()));
    expect(lines).toEqual(['[playauth] HLS key (KMS Decrypt) ServiceUnavailable -> HTTP 503']);
  });
});
