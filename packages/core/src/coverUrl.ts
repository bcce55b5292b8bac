/**
 * Keeps a cover URL only if it is an absolute `http:` or `https:` URL, so it is safe to render
 * as an `<img src>` or a poster. `javascript:`, `data:`, protocol-relative (`//host/x`), relative
 * and whitespace- or control-character-prefixed values are dropped.
 *
 * @returns The URL as normalised by the WHATWG URL parser, or `undefined`.
 * @example
 * ```ts
 * sanitizeCoverUrl('https://cdn.example.com/c.jpg'); // 'https://cdn.example.com/c.jpg'
 * sanitizeCoverUrl('javascript:alert(1)'); // undefined
 * ```
 */
export function sanitizeCoverUrl(url: unknown): string | undefined {
  // The prefix test runs on the raw string: the URL parser would silently strip leading
  // whitespace and embedded tabs/newlines, which is how `java\tscript:` tricks get through.
  // Past it the scheme can only be http(s); the parser still refuses e.g. `https://[x`.
  if (typeof url === 'string' && /^https?:\/\/[^/\\]/i.test(url)) {
    try {
      return new URL(url).href;
    } catch {}
  }
}
