import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers a cross-origin page may read: Range playback needs Content-Range/Accept-Ranges/
 * Content-Length, and x-acs-request-id is what to quote in a bug report.
 */
const EXPOSED = 'Content-Range, Accept-Ranges, Content-Length, Content-Type, x-acs-request-id';

/**
 * Lets any origin read the answer, including `null` (pages opened from `file:`, where the real
 * Aliplayer SDK skips its licence check): no credentials are involved, so `*` is enough.
 */
export function setCorsHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/** Answers a CORS preflight (`OPTIONS`) with 204, allowing the headers asked for. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const asked = req.headers['access-control-request-headers'];
  const headers: Record<string, string> = {
    'Access-Control-Allow-Methods': 'GET, POST, HEAD, OPTIONS',
    'Access-Control-Allow-Headers':
      asked && /^[\w\-, ]{1,2000}$/.test(asked)
        ? asked
        : 'authorization, content-type, range, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256, x-acs-security-token',
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  };
  // Chrome's Private Network Access asks before a public page talks to 127.0.0.1.
  if (req.headers['access-control-request-private-network'] === 'true') {
    headers['Access-Control-Allow-Private-Network'] = 'true';
  }
  res.writeHead(204, headers);
  res.end();
}
