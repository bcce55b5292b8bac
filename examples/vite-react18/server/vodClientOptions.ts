import { type CreateVodClientOptions, fromEnv } from '@playauth/server';

/** What `npx playauth-emulator` prints: its URL and its public development key pair. */
const EMULATOR = {
  endpoint: 'http://127.0.0.1:9000',
  accessKeyId: 'PlayauthEmulatorDevKeyId',
  accessKeySecret: 'PlayauthEmulatorDevSecretNotForProduction',
};

/**
 * Real ApsaraVideo VOD when `ALIBABA_CLOUD_ACCESS_KEY_ID` is set (with `_SECRET`, optional
 * `_SECURITY_TOKEN` and `VOD_REGION`, see `fromEnv`), else the local VOD emulator at
 * `PLAYAUTH_EMULATOR_URL` (default `http://127.0.0.1:9000`).
 */
export function vodClientOptions(env: NodeJS.ProcessEnv = process.env): CreateVodClientOptions {
  if (env.ALIBABA_CLOUD_ACCESS_KEY_ID) return fromEnv(env);
  return { ...EMULATOR, endpoint: env.PLAYAUTH_EMULATOR_URL || EMULATOR.endpoint };
}
