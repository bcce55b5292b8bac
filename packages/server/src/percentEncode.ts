const encoder = new TextEncoder();
const HEX = '0123456789ABCDEF';

// RFC 3986 unreserved characters: A-Z a-z 0-9 - . _ ~
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x5f ||
    byte === 0x7e
  );
}

/**
 * Percent-encodes a string the way Alibaba Cloud signatures (V2 and V3) require: RFC 3986.
 *
 * Unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay as they are; every other UTF-8 byte becomes
 * `%XY` with upper-case hex. So a space is `%20` (never `+`), `*` is `%2A`, `~` stays `~`, and
 * `+`, `/`, `!`, `'`, `(`, `)` are encoded too (unlike `encodeURIComponent`). A lone UTF-16
 * surrogate is encoded as U+FFFD instead of throwing.
 *
 * @param value - The text to encode.
 * @returns The encoded text.
 * @example
 * ```ts
 * percentEncode('a b*c~d+e/f'); // 'a%20b%2Ac~d%2Be%2Ff'
 * percentEncode('é'); // '%C3%A9'
 * ```
 */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of encoder.encode(value)) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
  }
  return out;
}
