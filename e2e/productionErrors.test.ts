import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// issue 17 (size): the long developer messages of @playauth/core and @playauth/react exist only in
// development. A production build (process.env.NODE_ENV = "production", as Next, Vite and webpack
// set it) keeps the same error classes and codes with a short message: the code and its
// docs/errors.md link. The dist must also run where `process` does not exist (plain browser ESM).

const root = fileURLToPath(new URL('../', import.meta.url));
const DOCS = 'https://github.com/playauth/playauth/blob/main/docs/errors.md';
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];

/** Texts of the development messages, one per module that has them. */
const LONG_TEXTS = [
  'must match [A-Za-z0-9_-]{1,64}', // videoId
  'pass getCredential or call renew(credential)', // obtainCredential
  "check network, URL and CSP ('unsafe-eval')", // loadAliplayer
  'create players in effects, not in SSR', // loadAliplayer
  'the container must be in the document', // PlayerMount
  'auto renewal stopped: call renew()', // RenewalPolicy
  'pass a number from', // PlayerController
  'use switch(credential)', // PlayerController
  'fix the backend', // parsePlayAuthResponse, playAuthQueryOptions
  'a non-empty string', // parsePlayAuthResponse
  'is shown now', // usePlayerCredential
  'free in the VOD console', // PlayerError (licence)
  'retry, else check the transcoding', // PlayerError
  'Unreachable (URL? CORS?)', // fetchPlayAuth
];

/** All of @playauth/react from its built dist, bundled and minified with `NODE_ENV` set. */
async function bundle(nodeEnv: string): Promise<string> {
  const result = await build({
    stdin: { contents: "export * from '@playauth/react';", resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    // The root tsconfig maps @playauth/* to sources; this must be the dist.
    tsconfigRaw: '{}',
    external: PEERS,
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('error messages of the built packages', () => {
  it('a production bundle has the codes and the docs link, none of the long texts', async () => {
    const code = await bundle('production');
    expect(code).toContain(DOCS);
    for (const errorCode of [
      'InvalidParameter',
      'VideoIdMismatch',
      'SdkLoadFailed',
      'RenewalLimit',
    ]) {
      expect(code).toContain(`"${errorCode}"`);
    }
    expect(LONG_TEXTS.filter((text) => code.includes(text))).toEqual([]);
    expect(code).not.toMatch(/\bprocess\b/);
  });

  it('a development bundle keeps every long text', async () => {
    const code = await bundle('development');
    expect(LONG_TEXTS.filter((text) => !code.includes(text))).toEqual([]);
  });

  it('reads process only behind typeof guards, and runs where process does not exist', async () => {
    for (const pkg of ['core', 'react']) {
      const dist = join(root, `packages/${pkg}/dist`);
      for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
        const code = readFileSync(join(dist, file), 'utf8')
          // Comments may name it.
          .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
        const unguarded = code.replaceAll(
          '(typeof process < "u" ? process.env.NODE_ENV : "production")',
          '',
        );
        expect({ file, process: /\bprocess\b/.test(unguarded) }).toEqual({ file, process: false });
      }
    }
    // A Node without the `process` global, like a browser loading the ESM dist as is.
    const script = `
      const print = console.log;
      delete globalThis.process;
      const core = await import('@playauth/core');
      await import('@playauth/react/server');
      const sdk = core.toPlayerError({ error_code: 4002, error_msg: 'auth expired' });
      const bad = await core.fetchPlayAuth({ endpoint: '/x', videoId: 'bad id' }).catch((e) => e);
      print(JSON.stringify([typeof process, [sdk.name, sdk.code, sdk.kind, sdk.message], [bad.name, bad.code, bad.message]]));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual([
      'undefined',
      ['PlayAuthError', 'Player.4002', 'credential', `Player.4002 (auth expired): ${DOCS}#playern`],
      ['PlayAuthError', 'InvalidParameter', `InvalidParameter: ${DOCS}#invalidparameter`],
    ]);
  });
});
