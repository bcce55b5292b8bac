import { percentEncode } from './percentEncode';

// Gateways print what they signed ("string to sign", "StringToSign", "string-to-sign",
// "STRING_TO_SIGN", "canonical request"): everything from there on is request material.
const SIGNED_MATERIAL = /string[\s_-]*to[\s_-]*sign|canonical[\s_-]*request/i;
// `Signature=<hex>` of ACS3 / `Signature=<base64>` of RPC V2, and query-style credential fields.
const CREDENTIAL_FIELDS =
  /\b(Signature|AccessKeyId|AccessKeySecret|SecurityToken|x-acs-security-token|x-acs-accesskey-id)(\s*[=:]\s*)[^\s,;&"']+/gi;
// Control characters (CR, LF, ANSI escapes...) would let upstream text forge log lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Makes text that came from upstream (an error `Message`, a network error) safe to put in an
 * error message or a log line:
 *
 * - cuts it where the gateway starts echoing what it signed (every spelling of "string to sign",
 *   "canonical request");
 * - blanks `Signature=...`, `AccessKeyId=...`, `SecurityToken=...` and the like;
 * - blanks each of `secrets` as written, percent-encoded (`encodeURIComponent` and RFC 3986)
 *   and doubly percent-encoded;
 * - turns control characters (CR, LF, escapes) into one space, and cuts the result at `maxLength`.
 *
 * @param text - The untrusted text.
 * @param secrets - Values that must not show (AccessKey id and secret, STS token); empty ones are ignored.
 * @param maxLength - Longest result before `...`. Default `300`.
 * @example
 * ```ts
 * scrubSecrets('bad Signature=ab12cd StringToSign: POST&...', [accessKeyId]);
 * // 'bad Signature=[redacted]'
 * ```
 */
export function scrubSecrets(
  text: string,
  secrets: readonly (string | undefined)[] = [],
  maxLength = 300,
): string {
  let out = text.split(SIGNED_MATERIAL)[0] ?? '';
  for (const secret of secrets) {
    if (!secret) continue;
    const spellings = new Set([secret, encodeURIComponent(secret), percentEncode(secret)]);
    for (const once of [...spellings]) spellings.add(encodeURIComponent(once));
    // Longest first, so a spelling that contains another is blanked whole.
    for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) {
      out = out.split(spelling).join('[redacted]');
    }
  }
  out = out.replace(CREDENTIAL_FIELDS, '$1$2[redacted]').replace(CONTROL, ' ');
  out = out.trim().replace(/[\s:,;=-]+$/, '');
  return out.length > maxLength ? `${out.slice(0, maxLength)}...` : out;
}

/** `text` on one line: control characters (CR, LF, escapes) become one space. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ');
}
