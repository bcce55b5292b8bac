import { isExpired } from './credentialTiming';
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
      `A new credential for video ${videoId} is needed (${reason}) but no getCredential option was given; pass one, or call renew(credential) with a fresh credential.`,
      { retryable: true },
    );
  }
  const credential = await source.getCredential(videoId, reason);
  if (credential.videoId !== videoId) {
    throw new PlayAuthError(
      'VideoIdMismatch',
      `getCredential('${videoId}') returned a credential for video ${credential.videoId}; it must return one for the video asked.`,
    );
  }
  if (isExpired(credential, source.now())) {
    throw new PlayAuthError(
      'Expired',
      `getCredential('${videoId}') returned a credential that expired at ${new Date(credential.expiresAt).toISOString()}; it must return a valid one.`,
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
  if (!isExpired(credential, source.now())) return credential;
  if (!source.getCredential) {
    throw new PlayAuthError(
      'Expired',
      `The credential for video ${credential.videoId} expired at ${new Date(credential.expiresAt).toISOString()} and is never given to the player. Pass a fresh credential, or a getCredential option so the player can fetch one.`,
      { retryable: true },
    );
  }
  return obtainCredential(source, credential.videoId, 'expired');
}
