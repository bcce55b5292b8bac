import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../EmulatorError';
import { parseAcs3Authorization, type SignedHttpRequest, verifyAcs3 } from '../verifyAcs3';
import { signV3 } from './signers';

const secrets = (id: string) => (id === 'ak' ? 'sk' : undefined);

/** Turns what the test signer would send into what the server sees. */
function received(
  query: Record<string, string>,
  options: { form?: Record<string, string>; path?: string } = {},
): SignedHttpRequest {
  const { url, init } = signV3({
    baseUrl: 'http://127.0.0.1:9000',
    accessKeyId: 'ak',
    accessKeySecret: 'sk',
    query,
    form: options.form,
    path: options.path,
    date: new Date('2026-01-05T08:00:00Z'),
    nonce: 'fixed-nonce',
  });
  const parsed = new URL(url);
  const headers: Record<string, string> = { host: parsed.host };
  for (const [k, v] of Object.entries(init.headers as Record<string, string>))
    headers[k.toLowerCase()] = v;
  return {
    method: init.method ?? 'GET',
    path: parsed.pathname,
    query: [...parsed.searchParams],
    headers,
    body: Buffer.from((init.body as string | undefined) ?? ''),
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof EmulatorError ? error.code : 'not an EmulatorError';
  }
}

describe('verifyAcs3', () => {
  it.each([
    ['plain', { VideoId: 'abc' }],
    ['space, *, ~, +, /', { A: 'a b*c~d+e/f', B: "!'()" }],
    ['UTF-8', { Title: '视频 ü é' }],
    ['empty value and sort order', { b: '', a: '1', B: '2', 'a.b': '3' }],
  ])('accepts a correct signature (%s)', (_name, query) => {
    expect(verifyAcs3(received(query), secrets)).toEqual({
      accessKeyId: 'ak',
      signedHeaders: expect.arrayContaining(['host', 'x-acs-date', 'x-acs-signature-nonce']),
    });
  });

  it('accepts a signed form body and a non-root path', () => {
    expect(() => verifyAcs3(received({}, { form: { VideoId: 'abc' } }), secrets)).not.toThrow();
    expect(() => verifyAcs3(received({ a: '1' }, { path: '/vod/api' }), secrets)).not.toThrow();
  });

  it('refuses any single change to what was signed', () => {
    const base = received({ VideoId: 'abc' });
    const variants: SignedHttpRequest[] = [
      { ...base, method: 'GET' },
      { ...base, path: '/x' },
      { ...base, query: [['VideoId', 'abd']] },
      { ...base, headers: { ...base.headers, host: '127.0.0.1:9001' } },
      { ...base, headers: { ...base.headers, 'x-acs-date': '2026-01-05T08:00:01Z' } },
      { ...base, headers: { ...base.headers, 'x-acs-new': 'unsigned' } },
    ];
    for (const variant of variants)
      expect(codeOf(() => verifyAcs3(variant, secrets))).toBe('SignatureDoesNotMatch');
    const body = { ...base, body: Buffer.from('x') };
    expect(codeOf(() => verifyAcs3(body, secrets))).toBe('SignatureDoesNotMatch');
    // Even with a matching x-acs-content-sha256, the changed hash is not what was signed.
    const rehashed = {
      ...body,
      headers: {
        ...base.headers,
        'x-acs-content-sha256': createHash('sha256').update('x').digest('hex'),
      },
    };
    expect(codeOf(() => verifyAcs3(rehashed, secrets))).toBe('SignatureDoesNotMatch');
  });

  it('refuses unknown keys, other algorithms and malformed headers', () => {
    const base = received({ VideoId: 'abc' });
    expect(codeOf(() => verifyAcs3(base, () => undefined))).toBe('InvalidAccessKeyId.NotFound');
    const sm3 = {
      ...base,
      headers: {
        ...base.headers,
        authorization: (base.headers.authorization ?? '').replace(
          'ACS3-HMAC-SHA256',
          'ACS3-HMAC-SM3',
        ),
      },
    };
    expect(codeOf(() => verifyAcs3(sm3, secrets))).toBe('IncompleteSignature');
    const cut = {
      ...base,
      headers: { ...base.headers, authorization: 'ACS3-HMAC-SHA256 Credential=ak' },
    };
    expect(codeOf(() => verifyAcs3(cut, secrets))).toBe('IncompleteSignature');
  });

  it('parses the authorization header', () => {
    expect(
      parseAcs3Authorization(
        'ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab12',
      ),
    ).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'ak',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab12',
    });
    expect(parseAcs3Authorization(undefined)).toBeUndefined();
    expect(parseAcs3Authorization('Bearer x')).toBeUndefined();
  });
});
