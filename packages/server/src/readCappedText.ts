/** Largest upstream body read by default: a GetVideoPlayAuth answer is about 2 KB. */
export const MAX_UPSTREAM_BODY_BYTES = 1024 * 1024;

/** Thrown by {@link readCappedText} when a body is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the response body is larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a response body as UTF-8 text, refusing it as soon as it passes `maxBytes`: a declared
 * `Content-Length` over the cap is refused before reading, and a streamed body is cancelled at
 * the chunk that crosses it, so a huge or endless answer is never buffered whole.
 *
 * @param response - The response whose body to read.
 * @param maxBytes - Largest body accepted. Default {@link MAX_UPSTREAM_BODY_BYTES} (1 MB).
 * @throws {@link BodyTooLargeError} over the cap; whatever the body stream throws otherwise.
 * @example
 * ```ts
 * const text = await readCappedText(await fetch(url), 64 * 1024);
 * ```
 */
export async function readCappedText(
  response: Response,
  maxBytes = MAX_UPSTREAM_BODY_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}
