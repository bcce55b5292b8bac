import type { IncomingMessage, ServerResponse } from 'node:http';
import { setClientAddress } from './clientAddress';

/** Options of {@link toNodeHandler}. */
export interface ToNodeHandlerOptions {
  /**
   * Build the request URL from `X-Forwarded-Proto` / `X-Forwarded-Host` (first value) instead of
   * the socket and `Host`. Only behind a proxy that sets them. Default `false`.
   */
  trustProxy?: boolean;
}

/** A node:http listener that is also Express / Connect middleware (`next` receives failures). */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}

// A hand-made stream keeps this file free of runtime `node:` imports (the package entry
// re-exports it, and must load on edge runtimes too).
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else
        controller.enqueue(
          typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value),
        );
    },
    cancel() {
      req.destroy();
    },
  });
}

/** Returns `undefined` when the request names a host no URL can hold (answered 400). */
function toRequest(
  req: IncomingMessage,
  options: ToNodeHandlerOptions,
  signal: AbortSignal,
): Request | undefined {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proxied = options.trustProxy ? first(req.headers['x-forwarded-proto']) : undefined;
  const protocol =
    proxied === 'https' || proxied === 'http' ? proxied : encrypted ? 'https' : 'http';
  const rawHost =
    (options.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ??
    first(req.headers.host) ??
    first(req.headers[':authority']);
  if (rawHost !== undefined && !HOST.test(rawHost)) return undefined;
  const host = rawHost ?? 'localhost';
  // Express rewrites req.url below a mount path; originalUrl is what the client asked for.
  let path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  if (!path.startsWith('/')) {
    try {
      const absolute = new URL(path);
      path = `${absolute.pathname}${absolute.search}`;
    } catch {
      path = '/';
    }
  }
  // Concatenated, not resolved: a path like "//evil.example/" must stay a path.
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}${path}`);
  } catch {
    return undefined; // A port over 65535, an IPv6 literal that is none ("[:::]")...
  }

  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, req.rawHeaders[i + 1] as string);
    } catch {
      // A header fetch cannot represent is dropped, not fatal.
    }
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  const request = new Request(url, init);
  setClientAddress(request, req.socket.remoteAddress);
  return request;
}

function badHost(res: ServerResponse): void {
  res.statusCode = 400;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(
    JSON.stringify({
      Code: 'InvalidParameter',
      Message: 'Malformed Host header: send a host name or address, with a port in 1..65535.',
      RequestId: crypto.randomUUID(),
    }),
  );
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (req.method === 'HEAD' || response.body === null) {
    res.end();
    return;
  }
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Adapts a Web handler such as `createPlayAuthHandler(...)` to node:http, Express and Connect.
 *
 * The Web `Request` gets an absolute URL from the socket and the `Host` header (or the
 * `X-Forwarded-*` headers with `trustProxy`), keeping the path an Express mount stripped
 * (`originalUrl`); it is aborted when the client goes away, and its socket address is recorded
 * for `clientAddress` (the default key of the handler's `rateLimit`). A malformed `Host` (or
 * forwarded host) is answered 400 `InvalidParameter` as JSON, never passed on as an error. If the handler throws, the error
 * goes to `next` when there is one (Express, Connect), otherwise the answer is a 500 with no
 * details.
 *
 * @param handler - `(request: Request) => Response | Promise<Response>`.
 * @param options - {@link ToNodeHandlerOptions}.
 * @example
 * ```ts
 * import express from 'express';
 * import { createPlayAuthHandler, createVodClient, fromEnv, toNodeHandler } from '@playauth/server';
 *
 * const app = express();
 * app.get('/api/play-auth', toNodeHandler(createPlayAuthHandler({
 *   client: createVodClient(fromEnv()),
 *   authorize: (request, videoId) => isAllowed(request, videoId),
 * })));
 * // or without Express: http.createServer(toNodeHandler(handler)).listen(3000)
 * ```
 */
export function toNodeHandler(
  handler: (request: Request) => Response | Promise<Response>,
  options: ToNodeHandlerOptions = {},
): NodeHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const request = toRequest(req, options, controller.signal);
    // Answered here, not passed to `next`: a client's bad header is not a server error.
    if (!request) return badHost(res);
    (async () => {
      const response = await handler(request);
      await writeResponse(response, req, res);
    })().catch((error: unknown) => {
      if (next) {
        next(error);
      } else if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify({ Code: 'InternalError', Message: 'Internal server error.' }));
      } else {
        res.destroy();
      }
    });
  };
}
