/** Where every error code of playauth is explained: docs/errors.md on GitHub (a heading per code). */
export const ERRORS_DOCS_URL = 'https://github.com/playauth/playauth/blob/main/docs/errors.md';

/**
 * The production message of playauth's own errors: the code, the runtime detail if any, and the
 * link to the code's entry in docs/errors.md. In development (`process.env.NODE_ENV !==
 * 'production'`, and only where `process` exists) the errors say at length what went wrong and
 * what to do; production builds ship this instead, the way React and TanStack drop their
 * developer warnings. The error's class, `code` and other fields are the same in both.
 *
 * @param code The error's `code`; `Player.4002` and `Http503` link to `Player.<n>` / `Http<n>`.
 * @param detail Runtime information worth keeping (an SDK or server message). Default: none.
 * @example
 * ```ts
 * errorReference('InvalidParameter');
 * // 'InvalidParameter: https://github.com/playauth/playauth/blob/main/docs/errors.md#invalidparameter'
 * errorReference('Player.4002', 'auth expired');
 * // 'Player.4002 (auth expired): https://github.com/playauth/playauth/blob/main/docs/errors.md#playern'
 * ```
 */
export function errorReference(code: string, detail?: string): string {
  // GitHub's heading anchors: lower case, punctuation dropped; numbered codes share `<n>`.
  const anchor = code
    .toLowerCase()
    .replace(/\d+$/, 'n')
    .replace(/[^\w-]/g, '');
  return `${code}${detail ? ` (${detail})` : ''}: ${ERRORS_DOCS_URL}#${anchor}`;
}
