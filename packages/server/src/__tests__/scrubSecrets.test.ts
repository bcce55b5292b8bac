import { describe, expect, it } from 'vitest';
import { isVodErrorCode, isVodRequestId } from '../isVodRequestId';
import { BodyTooLargeError, readCappedText } from '../readCappedText';
import { oneLine, scrubSecrets } from '../scrubSecrets';

const SECRET = 'Se/cr+et=1 2';

describe('scrubSecrets', () => {
  it.each([
    ['string to sign', 'bad string to sign: POST&x'],
    ['StringToSign', 'bad StringToSign=POST&x'],
    ['string-to-sign', 'bad string-to-sign POST&x'],
    ['STRING_TO_SIGN', 'bad STRING_TO_SIGN POST&x'],
    ['canonical request', 'bad Canonical Request: POST&x'],
  ])('cuts at %s', (_, text) => {
    expect(scrubSecrets(text)).toBe('bad');
  });

  it('blanks Signature=, AccessKeyId=, SecurityToken= whatever their value', () => {
    const text = `Signature=${'0f'.repeat(32)}, AccessKeyId=LTAIxyz&SecurityToken: STS.abc x-acs-security-token=t`;
    const out = scrubSecrets(text);
    expect(out).not.toMatch(/0f0f|LTAIxyz|STS\.abc|=t\b/);
    expect(out).toContain('Signature=[redacted]');
  });

  it('blanks a secret as written, percent-encoded once (both styles) and twice', () => {
    const spellings = [
      SECRET,
      encodeURIComponent(SECRET),
      'Se%2Fcr%2Bet%3D1%202',
      encodeURIComponent(encodeURIComponent(SECRET)),
    ];
    for (const spelling of spellings) {
      expect(scrubSecrets(`x ${spelling} y`, [SECRET])).toBe('x [redacted] y');
    }
  });

  it('puts everything on one line and caps the length', () => {
    expect(scrubSecrets('a\r\nforged: line\u001b[31m')).toBe('a forged: line [31m');
    expect(scrubSecrets('x'.repeat(400))).toHaveLength(303);
    expect(oneLine('a\nb\u2028c')).toBe('a b c');
  });
});

describe('isVodRequestId / isVodErrorCode', () => {
  it('accepts what VOD sends', () => {
    expect(isVodRequestId('25818875-5F78-4A13-BEF6-D7393642CA58')).toBe(true);
    expect(isVodErrorCode('InvalidVideo.NotFound')).toBe(true);
    expect(isVodErrorCode('Throttling')).toBe(true);
  });

  it.each(['REQ-1', '25818875-5F78-4A13-BEF6-D7393642CA58\n', 'LTAI5tTestKeyId0001', '', 42])(
    'refuses %j as a RequestId',
    (value) => {
      expect(isVodRequestId(value)).toBe(false);
    },
  );

  it.each(['Bad\r\nX: 1', 'a b', '.Leading', 'x'.repeat(65), 'AccessKeyId=LTAI', null])(
    'refuses %j as a Code',
    (value) => {
      expect(isVodErrorCode(value)).toBe(false);
    },
  );
});

describe('readCappedText', () => {
  it('reads a body within the cap', async () => {
    expect(await readCappedText(new Response('héllo'), 6)).toBe('héllo');
    expect(await readCappedText(new Response(null))).toBe('');
  });

  it('refuses a body one byte over the cap', async () => {
    await expect(readCappedText(new Response('héllo!'), 6)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
  });
});
