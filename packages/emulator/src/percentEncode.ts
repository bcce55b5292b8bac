/**
 * RFC 3986 percent-encoding as Alibaba Cloud's signatures (V2 and V3) define it: the unreserved
 * characters `A-Z a-z 0-9 - _ . ~` stay, everything else becomes UTF-8 bytes in upper-case hex
 * (space is `%20`, `*` is `%2A`, `~` stays).
 */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves !'()* alone; those are reserved for the gateway's canonical form.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
