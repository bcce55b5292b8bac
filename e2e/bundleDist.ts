import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Texts of the long developer messages of @playauth/core and @playauth/react, one per module that
 * has them (issue 17): present in development builds, absent from production ones.
 */
export const LONG_TEXTS: readonly string[] = [
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

/** Where every error code is explained; production messages link to it. */
export const ERRORS_DOCS = 'https://github.com/playauth/playauth/blob/main/docs/errors.md';

/** Peers the apps have anyway: left out of the bundles. */
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];

const root = fileURLToPath(new URL('../', import.meta.url));

/** Options of {@link bundleDist}. */
export interface BundleDistOptions {
  /** The importing module. Default: all of `@playauth/react`. */
  contents?: string;
  /** Export conditions besides esbuild's defaults. Default: none. */
  conditions?: string[];
  /** `process.env.NODE_ENV` replaced, as app bundlers do. Default: left as is. */
  nodeEnv?: string;
  /** Default `false`. */
  minify?: boolean;
  /** `'iife'` assigns the exports to `globalThis.playauth`. Default `'esm'`. */
  format?: 'esm' | 'iife';
}

/**
 * Bundles the built packages (their `dist`, resolved through their `exports` as an app's bundler
 * does) with esbuild for the browser, peers left out. Returns the code and the files it read.
 *
 * @example
 * ```ts
 * const { code } = await bundleDist({ nodeEnv: 'production', minify: true });
 * ```
 */
export async function bundleDist(
  options: BundleDistOptions = {},
): Promise<{ code: string; inputs: string[] }> {
  const { contents = "export * from '@playauth/react';", format = 'esm', nodeEnv } = options;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: options.minify ?? false,
    format,
    globalName: format === 'iife' ? 'playauth' : undefined,
    platform: 'browser',
    conditions: options.conditions,
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The root tsconfig maps @playauth/* to sources; this must be the dist.
    tsconfigRaw: '{}',
    external: PEERS,
    define: nodeEnv === undefined ? {} : { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
  });
  return {
    code: result.outputFiles?.[0]?.text ?? '',
    inputs: Object.keys(result.metafile?.inputs ?? {}).filter((input) => input !== '<stdin>'),
  };
}
