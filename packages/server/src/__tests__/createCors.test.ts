import { describe, expect, it } from 'vitest';
import { createCors } from '../createCors';

const from = (origin: string | null, headers: Record<string, string> = {}) =>
  new Request('https://api.example/play-auth', {
    headers: origin === null ? headers : { origin, ...headers },
  });

describe('createCors', () => {
  it('is off for false and undefined', () => {
    expect(createCors(false)).toBeUndefined();
    expect(createCors(undefined)).toBeUndefined();
  });

  it('grants a listed origin, varies on Origin, exposes Retry-After', () => {
    const cors = createCors({ origin: ['https://app.example'] });
    expect(cors?.headers(from('https://app.example'))).toEqual({
      Vary: 'Origin',
      'Access-Control-Allow-Origin': 'https://app.example',
      'Access-Control-Expose-Headers': 'Retry-After',
    });
    expect(cors?.headers(from('https://evil.example'))).toEqual({ Vary: 'Origin' });
    expect(cors?.headers(from(null))).toEqual({ Vary: 'Origin' });
  });

  it("answers '*' without Vary, and adds credentials only when asked", () => {
    expect(createCors({ origin: '*' })?.headers(from('https://x.example'))).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Retry-After',
    });
    const withCookies = createCors({ origin: 'https://app.example', credentials: true });
    expect(withCookies?.headers(from('https://app.example'))).toMatchObject({
      'Access-Control-Allow-Credentials': 'true',
    });
  });

  it("refuses '*' with credentials", () => {
    expect(() => createCors({ origin: '*', credentials: true })).toThrow(/origin '\*'/);
  });

  it('treats a throwing predicate as a refusal', () => {
    const cors = createCors({
      origin: () => {
        throw new Error('bug');
      },
    });
    expect(cors?.headers(from('https://app.example'))).toEqual({ Vary: 'Origin' });
  });

  it('answers a preflight with methods, max-age and well-formed asked headers only', () => {
    const cors = createCors({ origin: (o) => o.endsWith('.example'), maxAge: 60 });
    expect(
      cors?.preflight(from('https://a.example', { 'access-control-request-headers': 'x-a, x-b' })),
    ).toEqual({
      'Access-Control-Allow-Origin': 'https://a.example',
      'Access-Control-Allow-Methods': 'GET, HEAD',
      'Access-Control-Max-Age': '60',
      'Access-Control-Allow-Headers': 'x-a, x-b',
      Vary: 'Origin, Access-Control-Request-Headers',
    });
    const bad = cors?.preflight(
      from('https://a.example', { 'access-control-request-headers': 'x-a; drop' }),
    );
    expect(bad?.['Access-Control-Allow-Headers']).toBeUndefined();
    expect(cors?.preflight(from('https://other.org'))).toEqual({ Vary: 'Origin' });
    expect(cors?.allow).toBe('GET, HEAD, OPTIONS');
  });
});
