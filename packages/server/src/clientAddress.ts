const addresses = new WeakMap<Request, string>();

/**
 * Records the socket address a Web `Request` came from (called by `toNodeHandler`), for
 * {@link clientAddress}. A Web `Request` does not carry it itself.
 */
export function setClientAddress(request: Request, address: string | undefined): void {
  if (address) addresses.set(request, address.replace(/^::ffff:/, ''));
}

/** Options of {@link clientAddress}. */
export interface ClientAddressOptions {
  /**
   * Proxies in front of this server, as exact addresses. When the socket peer is one of them,
   * `X-Forwarded-For` is read from the right, skipping trusted hops; the first untrusted one is
   * the client. Default none: the header is ignored (anyone can write it).
   */
  trustedProxies?: readonly string[];
}

/**
 * The address a request came from: the socket peer recorded by `toNodeHandler`, or behind
 * trusted proxies the nearest untrusted `X-Forwarded-For` hop. `undefined` when unknown (the
 * request did not come through `toNodeHandler`).
 *
 * @example
 * ```ts
 * clientAddress(request, { trustedProxies: ['10.0.0.2'] }); // '203.0.113.9'
 * ```
 */
export function clientAddress(
  request: Request,
  options: ClientAddressOptions = {},
): string | undefined {
  const peer = addresses.get(request);
  const trusted = new Set(options.trustedProxies ?? []);
  if (peer === undefined || !trusted.has(peer)) return peer;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim().replace(/^::ffff:/, ''))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trusted.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}
