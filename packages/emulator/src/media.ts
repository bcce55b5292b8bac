import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { constantTimeEqual } from './verifyAcs3';

/** Why a play URL was refused (or `ok`). */
export type AuthKeyCheck = 'ok' | 'missing' | 'malformed' | 'invalid' | 'expired';

/**
 * Signs and checks `auth_key` query values the way Alibaba CDN's URL signing (type A) shapes
 * them: `<expiry epoch s>-<rand>-<uid>-<md5(path-expiry-rand-uid-privateKey)>`. The private key
 * is random per emulator, so URLs from another run are refused.
 */
export interface MediaUrlSigner {
  /** The `auth_key` value for `path`, valid until `expiresAtSec` (epoch seconds). */
  sign(path: string, expiresAtSec: number): string;
  /** Checks an `auth_key` for `path` at `nowMs` (epoch ms). */
  verify(path: string, authKey: string | null, nowMs: number): AuthKeyCheck;
}

/** Creates the play-URL signer of one emulator instance. */
export function createMediaUrlSigner(): MediaUrlSigner {
  const privateKey = randomBytes(24).toString('hex');
  const digest = (path: string, exp: string, rand: string, uid: string) =>
    createHash('md5').update(`${path}-${exp}-${rand}-${uid}-${privateKey}`).digest('hex');
  return {
    sign(path, expiresAtSec) {
      const rand = randomBytes(16).toString('hex');
      const exp = String(Math.floor(expiresAtSec));
      return `${exp}-${rand}-0-${digest(path, exp, rand, '0')}`;
    },
    verify(path, authKey, nowMs) {
      if (!authKey) return 'missing';
      const match = /^(\d{1,12})-([0-9a-f]{1,64})-(\w{1,64})-([0-9a-f]{32})$/.exec(authKey);
      if (!match) return 'malformed';
      const [, exp = '', rand = '', uid = '', hash = ''] = match;
      if (!constantTimeEqual(digest(path, exp, rand, uid), hash)) return 'invalid';
      return nowMs >= Number(exp) * 1000 ? 'expired' : 'ok';
    },
  };
}

/** A parsed single `Range: bytes=` request, inclusive bounds. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a `Range` header against a file of `size` bytes. `undefined` means "serve the whole
 * file" (no header, another unit, several ranges or bad syntax, as RFC 9110 allows);
 * `'unsatisfiable'` means 416.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends `file` (default as `video/mp4`) with Range support (`206` + `Content-Range`, `416` when
 * unsatisfiable) and HEAD support. Resolves with the status sent.
 */
export async function serveMediaFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  contentType = 'video/mp4',
): Promise<number> {
  const { size } = await stat(file);
  const range = parseRange(req.headers.range, size);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return 416;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const status = range ? 206 : 200;
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  res.writeHead(status, { 'Content-Length': end - start + 1 });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return status;
  }
  await pipeline(createReadStream(file, { start, end }), res);
  return status;
}
