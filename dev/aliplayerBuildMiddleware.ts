import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed Aliplayer SDK build folder (`aliyun-aliplayer/build`), with a trailing separator. */
export const ALIPLAYER_BUILD_DIR = fileURLToPath(
  new URL('../node_modules/aliyun-aliplayer/build/', import.meta.url),
);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Options of {@link aliplayerBuildMiddleware}. */
export interface AliplayerBuildMiddlewareOptions {
  /** URL path the build folder is served under, with a trailing slash, e.g. `'/build/'`. */
  prefix: string;
  /** Delay per file (path relative to the build folder -> ms), as a slow CDN would add. */
  delays?: Record<string, number>;
  /** Extra response headers, e.g. CORS or `cache-control`. */
  headers?: Record<string, string>;
}

/**
 * Serves the installed Aliplayer SDK build as a self-hosted copy, untransformed (a `<script>` and
 * the SDK's lazy parts must get the files as published). Requests outside `prefix`, outside the
 * folder or for missing files go to `next` (404 when there is none).
 *
 * @example
 * ```ts
 * http.createServer(aliplayerBuildMiddleware({ prefix: '/build/' })).listen(0, '127.0.0.1');
 * // then loadAliplayer({ script: `${origin}/build/aliplayer-min.js`, css: ... })
 * ```
 */
export function aliplayerBuildMiddleware(
  options: AliplayerBuildMiddlewareOptions,
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void {
  const { prefix, delays = {}, headers = {} } = options;
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new TypeError(
      `aliplayerBuildMiddleware: prefix must start and end with "/", got ${JSON.stringify(prefix)}`,
    );
  }
  return (req, res, next) => {
    const notFound = () => {
      if (next) next();
      else res.writeHead(404, headers).end();
    };
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (!pathname.startsWith(prefix)) return notFound();
    const relative = decodeURIComponent(pathname.slice(prefix.length));
    const file = normalize(join(ALIPLAYER_BUILD_DIR, relative));
    if (
      !file.startsWith(
        ALIPLAYER_BUILD_DIR.endsWith(sep) ? ALIPLAYER_BUILD_DIR : ALIPLAYER_BUILD_DIR + sep,
      ) ||
      !isFile(file)
    ) {
      return notFound();
    }
    const send = () => {
      res.writeHead(200, {
        ...headers,
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      });
      createReadStream(file)
        .on('error', (error) => (next ? next(error) : res.destroy(error)))
        .pipe(res);
    };
    const delay = delays[relative] ?? 0;
    if (delay > 0) setTimeout(send, delay);
    else send();
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
