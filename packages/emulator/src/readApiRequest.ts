import type { IncomingMessage } from 'node:http';
import { detectSignatureVersion, type SignatureVersion } from './authenticateRequest';
import { EmulatorError } from './EmulatorError';
import { parseAcs3Authorization, type SignedHttpRequest } from './verifyAcs3';

/** An RPC API request as received: what was signed, and what it asks for. */
export interface ApiRequest {
  /** The request as the signature verifiers see it. */
  signed: SignedHttpRequest;
  /**
   * Query and form-body parameters merged (the body wins), decoded. Under V3 the form body counts
   * only when `content-type` is among the signed headers: the body hash alone does not say the
   * body is a form, so an unsigned Content-Type could otherwise turn signed bytes into parameters
   * that override the signed query.
   */
  params: Record<string, string>;
  /** `undefined` when the request carries no signature at all. */
  signatureVersion: SignatureVersion | undefined;
  /** `x-acs-action` (V3) or `Action`. */
  action: string | undefined;
  /** `x-acs-version` (V3) or `Version`. */
  apiVersion: string | undefined;
}

const MAX_BODY_BYTES = 1 << 20;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EmulatorError('RequestEntityTooLarge', 413, 'The request body is over 1 MiB.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Lower-case names; a repeated header's values trimmed and joined with `,` (as signers do). */
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values) out[name] = values.map((v) => v.trim()).join(',');
  }
  return out;
}

/**
 * Reads an API request: the body (up to 1 MiB), form parameters, headers, and which signature,
 * action and version it declares. Nothing is verified here.
 *
 * @throws {@link EmulatorError} `RequestEntityTooLarge` (413).
 */
export async function readApiRequest(
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
): Promise<ApiRequest> {
  const body = await readBody(req);
  const headers = headersOf(req);
  const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? [...new URLSearchParams(body.toString('utf8'))]
    : [];
  const queryList = [...query];
  const signatureVersion = detectSignatureVersion(
    headers,
    Object.fromEntries([...queryList, ...form]),
  );
  const v3 = signatureVersion === 'v3';
  const formSigned =
    !v3 || parseAcs3Authorization(headers.authorization)?.signedHeaders.includes('content-type');
  const params: Record<string, string> = Object.fromEntries([
    ...queryList,
    ...(formSigned ? form : []),
  ]);
  return {
    signed: { method: req.method ?? 'GET', path, query: queryList, headers, body },
    params,
    signatureVersion,
    action: (v3 ? headers['x-acs-action'] : undefined) ?? params.Action,
    apiVersion: v3 ? headers['x-acs-version'] : params.Version,
  };
}
