import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOCS_URL, errorReference } from '../errorReference';

// issue 17 (size): production messages are the code and a link to docs/errors.md. One place:
// every code core and react declare or throw has an entry there, and every entry is such a code.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** `Player.${number}` and `Http${number}` are documented as `Player.<n>` and `Http<n>`. */
const documented = (code: string) => code.replace(/\$\{number\}$|\d+$/, '<n>');

/** Codes in the `PlayAuthErrorCode` and `PlayerErrorCode` unions. */
function declaredCodes(): Set<string> {
  const codes = new Set<string>();
  for (const [file, type] of [
    ['packages/core/src/PlayAuthError.ts', 'PlayAuthErrorCode'],
    ['packages/core/src/PlayerError.ts', 'PlayerErrorCode'],
  ] as const) {
    const union = new RegExp(`export type ${type} =([^;]+);`).exec(read(file))?.[1] ?? '';
    for (const [, code] of union.matchAll(/\|\s*['`]([^'`]+)['`]/g))
      codes.add(documented(code as string));
  }
  return codes;
}

/** Codes given literally to an error constructor, `fail` or `errorReference` in core and react. */
function thrownCodes(): Set<string> {
  const codes = new Set<string>();
  for (const dir of ['packages/core/src', 'packages/react/src']) {
    for (const file of readdirSync(join(root, dir)).filter((name) => /\.tsx?$/.test(name))) {
      // Without TSDoc examples and comments.
      const code = read(`${dir}/${file}`).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
      const calls = /(?:new (?:PlayAuthError|PlayerError)|\bfail|errorReference)\(\s*'([^']+)'/g;
      for (const [, found] of code.matchAll(calls)) codes.add(documented(found as string));
      // Codes chosen by a condition: `timedOut ? 'Timeout' : 'NetworkError'`, `'KeyRefused'`.
      for (const [, yes, no] of code.matchAll(/\?\s*'([A-Z]\w+)'\s*:\s*(?:'([A-Z]\w+)')?/g)) {
        for (const found of [yes, no]) if (found) codes.add(found);
      }
      // SDK errors: `Player.${code}`.
      if (code.includes('`Player.${')) codes.add('Player.<n>');
    }
  }
  return codes;
}

/** Codes with a `## \`code\`` heading in docs/errors.md. */
function docsCodes(): string[] {
  return [...read('docs/errors.md').matchAll(/^## `([^`]+)`$/gm)].map(([, code]) => code as string);
}

/** GitHub's anchor of a heading: lower case, punctuation other than `-` and `_` dropped. */
const githubAnchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

describe('errorReference', () => {
  it('names the code, the runtime detail and the docs link', () => {
    expect(errorReference('InvalidParameter')).toBe(
      `InvalidParameter: ${ERRORS_DOCS_URL}#invalidparameter`,
    );
    expect(errorReference('Player.4002', 'auth expired')).toBe(
      `Player.4002 (auth expired): ${ERRORS_DOCS_URL}#playern`,
    );
    expect(errorReference('Http503')).toBe(`Http503: ${ERRORS_DOCS_URL}#httpn`);
    expect(errorReference('InvalidVideo.NotFound')).toBe(
      `InvalidVideo.NotFound: ${ERRORS_DOCS_URL}#invalidvideonotfound`,
    );
  });

  it('links every code to its heading in docs/errors.md', () => {
    for (const code of docsCodes()) {
      const sample = code.replace('<n>', '4002');
      expect(errorReference(sample).split('#')[1]).toBe(githubAnchor(code));
    }
  });

  it('docs/errors.md has exactly the codes core and react declare, and every code they throw is declared', () => {
    const declared = declaredCodes();
    const thrown = thrownCodes();
    expect(thrown.size).toBeGreaterThanOrEqual(13);
    expect([...thrown].filter((code) => !declared.has(code))).toEqual([]);
    expect(docsCodes().sort()).toEqual([...declared].sort());
  });
});
