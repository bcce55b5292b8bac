/**
 * Which player engine the stories use, decided once when Storybook (or Vitest) starts and handed
 * to the browser through Vite `define` as `__PLAYAUTH_STORYBOOK__`.
 */
export interface StorybookRuntimeConfig {
  /** `aliplayer`: the real SDK (needs a licence on http pages); `fake`: FakeAliplayer. */
  engine: 'aliplayer' | 'fake';
  /** One sentence for the on-screen note: why this engine runs. */
  engineReason: string;
  /** Only with the real engine: the licence the SDK needs on http(s) pages. */
  license?: { domain: string; key: string };
  /** True when the dev server carries the emulator and the real handler (`npm start`). */
  devMiddleware: boolean;
  /** How the stories get credentials, for the note. */
  mode: 'dev' | 'static' | 'test';
}

/**
 * Picks the engine from the environment. Only the two licence variables are read and only they
 * reach the browser (never the whole `process.env`, which may hold cloud secrets).
 */
export function resolveStorybookRuntime(
  env: NodeJS.ProcessEnv,
  mode: StorybookRuntimeConfig['mode'],
): StorybookRuntimeConfig {
  const devMiddleware = mode === 'dev';
  if (mode === 'test') {
    return {
      engine: 'fake',
      engineReason: 'Story tests run offline and deterministic, so they always use FakeAliplayer.',
      devMiddleware,
      mode,
    };
  }
  const key = env.ALIPLAYER_LICENSE_KEY?.trim();
  const domain = env.ALIPLAYER_LICENSE_DOMAIN?.trim();
  if (key && domain && mode === 'dev') {
    return {
      engine: 'aliplayer',
      engineReason: `ALIPLAYER_LICENSE_KEY and ALIPLAYER_LICENSE_DOMAIN (${domain}) are set, so the real Aliplayer SDK plays (its licence check contacts Alibaba Cloud).`,
      license: { domain, key },
      devMiddleware,
      mode,
    };
  }
  const why =
    mode === 'static'
      ? 'This is a static build without the local VOD emulator'
      : 'ALIPLAYER_LICENSE_KEY and ALIPLAYER_LICENSE_DOMAIN are not set (the real SDK refuses to play on http pages without a licence)';
  return {
    engine: 'fake',
    engineReason: `${why}, so FakeAliplayer from @playauth/testing plays the video in a real <video> element.`,
    devMiddleware,
    mode,
  };
}
