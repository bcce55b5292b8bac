import { isExpired } from './credentialTiming';
import { errorReference } from './errorReference';
import type { PlayAuthCredential } from './PlayAuthCredential';
import { PlayAuthError } from './PlayAuthError';
import type { CredentialRequestReason, PlayerControllerOptions } from './PlayerControllerOptions';

/** Where a player gets credentials from. */
export interface CredentialSource {
  getCredential?: PlayerControllerOptions['getCredential'];
  now: () => number;
}

/**
 * A credential for `videoId` from `getCredential`, checked: it must be for the video asked and
 * not expired, because an expired credential is never handed to the player.
 */
export async function obtainCredential(
  source: CredentialSource,
  videoId: string,
  reason: CredentialRequestReason,
): Promise<PlayAuthCredential> {
  if (!source.getCredential) {
    throw new PlayAuthError(
      'Expired',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `${videoId} needs a credential (${reason}): pass getCredential or call renew(credential).`
        : errorReference('Expired', reason),
      { retryable: true },
    );
  }
  const credential = await source.getCredential(videoId, reason);
  if (credential.videoId !== videoId) {
    throw new PlayAuthError(
      'VideoIdMismatch',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `getCredential('${videoId}') returned one for ${credential.videoId}.`
        : errorReference('VideoIdMismatch'),
    );
  }
  if (isExpired(credential, source.now())) {
    throw new PlayAuthError(
      'Expired',
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `getCredential('${videoId}') returned an expired one.`
        : errorReference('Expired'),
      { retryable: true },
    );
  }
  return credential;
}

/** `credential` itself while it is not expired, otherwise a fresh one via {@link obtainCredential}. */
export async function usableCredential(
  source: CredentialSource,
  credential: PlayAuthCredential,
): Promise<PlayAuthCredential> {
  return isExpired(credential, source.now())
    ? obtainCredential(source, credential.videoId, 'expired')
    : credential;
}
