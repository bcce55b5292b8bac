import { VodApiError } from './VodApiError';

/**
 * The secret(s) of `MtsHlsUriToken`s: one string of at least 32 characters, or a list for
 * rotation (the first signs, every one verifies). Keep it out of the browser and out of logs;
 * the token service and the decryption service share it.
 */
export type HlsUriTokenSecret = string | readonly string[];

/** Imported HMAC-SHA256 keys: `[0]` signs, all verify. */
export interface HlsUriTokenKeys {
  readonly keys: readonly CryptoKey[];
}

const encoder = new TextEncoder();
const MIN_SECRET_CHARS = 32;

/** Checks the secret(s) synchronously, so a factory fails at startup, not on the first request. */
export function checkHlsUriTokenSecret(secret: unknown, factory: string): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : secret;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((s) => typeof s === 'string' && s.length >= MIN_SECRET_CHARS)
  ) {
    throw new VodApiError(
      'InvalidConfiguration',
      `${factory}: hlsEncryption secret must be a string of at least ${MIN_SECRET_CHARS} characters (or a list of them, the first signing), e.g. 32 random bytes in hex from your secret store; the token and decryption services share it`,
    );
  }
  return list;
}

/** Imports the checked secrets as HMAC-SHA256 keys (Web Crypto), once per factory. */
export function importHlsUriTokenKeys(secrets: readonly string[]): Promise<HlsUriTokenKeys> {
  return Promise.all(
    secrets.map((s) =>
      crypto.subtle.importKey('raw', encoder.encode(s), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]),
    ),
  ).then((keys) => ({ keys }));
}

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url; `undefined` when malformed. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** HMAC-SHA256 of `text` with the signing key, base64url. */
export async function hmac(keys: HlsUriTokenKeys, text: string, keyIndex = 0): Promise<string> {
  const key = keys.keys[keyIndex] as CryptoKey;
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text))));
}

/** Compares two strings in time that depends on their length only. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}
