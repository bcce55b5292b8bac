// Size budgets of @playauth/react, checked by `npm run size` (part of `npm test`) on the built dist.
// Measured as apps ship it: a production build (`process.env.NODE_ENV` = "production", as Next,
// Vite and webpack set it), so the developer diagnostics (long error messages, kept in
// development only) are not counted. bench figure 1 also reports the development-mode size.

/** Peers the app has anyway. */
const peers = ['react', 'react-dom', '@tanstack/react-query', 'react/jsx-runtime'];

/** esbuild as size-limit configures it, plus the production define. */
const production = (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': '"production"' },
});

export default [
  {
    name: 'usePlayAuth + PlayAuthProvider',
    path: 'packages/react/dist/index.js',
    import: '{ usePlayAuth, PlayAuthProvider }',
    ignore: peers,
    limit: '2.5 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@playauth/react (all)',
    path: 'packages/react/dist/index.js',
    import: '*',
    ignore: peers,
    limit: '13.5 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: '@playauth/react/lazy (initial code)',
    path: 'packages/react/dist/lazy.js',
    import: '{ VodPlayer }',
    ignore: [...peers, '@playauth/react'],
    limit: '1.5 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
];
