import { VodApiError } from './VodApiError';

/** Cross-origin access to the endpoint, for a frontend on another origin. */
export interface PlayAuthCorsOptions {
  /**
   * Allowed origins: `'*'` (any, only without `credentials`), one origin
   * (`'https://app.example.com'`), a list, or a predicate.
   */
  origin: string | string[] | ((origin: string) => boolean);
  /** Allow cookies / HTTP auth (`Access-Control-Allow-Credentials: true`). Default `false`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. Default `600`. */
  maxAge?: number;
}

/** The CORS side of the endpoint, made by {@link createCors}. */
export interface Cors {
  /** `Allow` header value for a 405 (with `OPTIONS`). */
  readonly allow: string;
  /** CORS headers for an actual (non-preflight) answer to `request`. */
  headers(request: Request): Record<string, string>;
  /** Headers of the 204 answer to a preflight `OPTIONS` request. */
  preflight(request: Request): Record<string, string>;
}

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * CORS for the PlayAuth endpoint: which origins get a grant, with or without credentials, and
 * the preflight answer (methods `GET, HEAD`, the asked headers when well-formed, `max-age`).
 * Origins that are not allowed get no grant (the browser then blocks the answer); a throwing
 * predicate counts as a refusal.
 *
 * @param options - {@link PlayAuthCorsOptions}, or `false` for same-origin only (the default).
 * @returns `undefined` when CORS is off.
 * @throws {@link VodApiError} `InvalidConfiguration` for `origin: '*'` with `credentials`.
 * @example
 * ```ts
 * const cors = createCors({ origin: ['https://app.example.com'] });
 * cors?.headers(request); // { Vary: 'Origin', 'Access-Control-Allow-Origin': 'https://app.example.com', ... }
 * ```
 */
export function createCors(options: PlayAuthCorsOptions | false | undefined): Cors | undefined {
  if (!options) return undefined;
  const rule = options.origin;
  if (rule === '*' && options.credentials) {
    throw new VodApiError(
      'InvalidConfiguration',
      "createPlayAuthHandler: cors: origin '*' cannot be combined with credentials; list the allowed origins",
    );
  }
  const maxAge = options.maxAge ?? 600;
  const withCredentials = options.credentials === true;

  function allowed(origin: string): boolean {
    try {
      if (typeof rule === 'function') return rule(origin) === true;
      return rule === '*' || (Array.isArray(rule) ? rule.includes(origin) : rule === origin);
    } catch {
      return false;
    }
  }

  function grant(request: Request): Record<string, string> | undefined {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed(origin)) return undefined;
    return {
      'Access-Control-Allow-Origin': rule === '*' ? '*' : origin,
      ...(withCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    };
  }

  const vary: Record<string, string> = rule === '*' ? {} : { Vary: 'Origin' };
  return {
    allow: 'GET, HEAD, OPTIONS',
    headers(request) {
      const granted = grant(request);
      return granted
        ? { ...vary, ...granted, 'Access-Control-Expose-Headers': 'Retry-After' }
        : { ...vary };
    },
    preflight(request) {
      const granted = grant(request);
      if (!granted) return { ...vary };
      const asked = request.headers.get('access-control-request-headers');
      return {
        ...granted,
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Max-Age': `${maxAge}`,
        Vary: 'Origin, Access-Control-Request-Headers',
        ...(asked && HEADER_LIST.test(asked) ? { 'Access-Control-Allow-Headers': asked } : {}),
      };
    },
  };
}
