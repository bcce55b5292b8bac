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

/** Peers the apps have anyway: left out of the bundles the tests make. */
export const PEERS: readonly string[] = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
];
