/**
 * RFC 3986 percent-encoding as Alibaba Cloud's signatures (V2 and V3) define it: the unreserved
 * characters `A-Z a-z 0-9 - _ . ~` stay, everything else becomes UTF-8 bytes in upper-case hex
 * (space is `%20`, `*` is `%2A`, `~` stays).
 *
 * @example
 * ```ts
 * percentEncode("a b*c~"); // 'a%20b%2Ac~'
 * ```
 */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves !'()* alone; the gateway's canonical form encodes them.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
