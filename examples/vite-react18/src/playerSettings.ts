import type { PlayAuthProviderProps, VodPlayerProps } from '@playauth/react';

const env = import.meta.env;

/**
 * Player defaults from the build's environment (`vite build` reads `VITE_*` variables):
 * - `VITE_PLAYAUTH_FAKE_PLAYER=1`: play through `FakeAliplayer` (a `<video>` element) instead of the
 *   Aliplayer SDK, which needs a licence on http(s) pages. Loaded on demand, never in the main chunk.
 * - `VITE_ALIPLAYER_LICENSE_KEY`, `VITE_ALIPLAYER_LICENSE_DOMAIN`: the SDK's licence.
 */
export const providerSettings: Pick<PlayAuthProviderProps, 'sdk' | 'license'> = {
  ...(env.VITE_PLAYAUTH_FAKE_PLAYER === '1' && {
    sdk: () => import('@playauth/testing').then((testing) => testing.FakeAliplayer),
  }),
  ...(env.VITE_ALIPLAYER_LICENSE_KEY && {
    license: {
      key: env.VITE_ALIPLAYER_LICENSE_KEY,
      domain: env.VITE_ALIPLAYER_LICENSE_DOMAIN ?? window.location.hostname,
    },
  }),
};

/**
 * Aliplayer options: with `VITE_PLAYAUTH_VOD_SERVER` (the emulator's URL in development) the
 * player sends GetPlayInfo there instead of to `vod.<region>.aliyuncs.com`.
 */
export const playerOptions: VodPlayerProps['options'] = env.VITE_PLAYAUTH_VOD_SERVER
  ? { customVodServer: env.VITE_PLAYAUTH_VOD_SERVER, customVodServerFirst: true }
  : undefined;
