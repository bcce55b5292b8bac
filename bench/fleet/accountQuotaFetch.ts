/**
 * A `fetch` that models the account-wide `GetVideoPlayAuth` quota in front of the emulator
 * (which has none): a fixed one-second window of `perSecond` calls; over it the call is answered
 * as VOD answers, HTTP 400 `Throttling.User`, without reaching the emulator. The real quota is
 * 360 calls/s per account; figure 8 scales it to what this machine can drive.
 */
export function accountQuotaFetch(perSecond: number, inner: typeof fetch = fetch): typeof fetch {
  let window = 0;
  let used = 0;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== window) {
      window = second;
      used = 0;
    }
    if (++used > perSecond) {
      return Response.json(
        {
          RequestId: crypto.randomUUID().toUpperCase(),
          Code: 'Throttling.User',
          Message: 'Request was denied due to user flow control.',
        },
        { status: 400 },
      );
    }
    return inner(input, init);
  }) as typeof fetch;
}
