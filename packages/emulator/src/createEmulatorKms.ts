import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';

/** The KMS API version the emulator implements (`Decrypt`). */
export const KMS_API_VERSION = '2016-01-20';

/** A data key as KMS `GenerateDataKey` returns it (`KeySpec=AES_128`). */
export interface KmsDataKey {
  /** The customer master key (the VOD "service key") that envelopes it. */
  KeyId: string;
  KeyVersionId: string;
  /** The enveloped data key (EDK): what VOD stores with the video and puts into the key URI. */
  CiphertextBlob: string;
  /** Base64 of the 16-byte data key (DK). */
  Plaintext: string;
}

/** What KMS `Decrypt` answers besides the `RequestId`. */
export interface KmsDecrypted {
  KeyId: string;
  KeyVersionId: string;
  /** Base64 of the data key. */
  Plaintext: string;
}

/**
 * The KMS of one emulator: a customer master key (random per emulator, AES-256-GCM) that
 * envelopes data keys, as Alibaba Cloud KMS does for VOD's HLS standard encryption. A
 * `CiphertextBlob` is base64 of `version ‖ key id (16 bytes) ‖ IV (12) ‖ sealed key ‖ tag (16)`,
 * authenticated with the key id, so a blob from another emulator, or altered by one bit, does not
 * open.
 */
export interface EmulatorKms {
  /** The master key's id (a UUID, as KMS 1.0 key ids are). */
  readonly keyId: string;
  /** `GenerateDataKey` with `KeySpec=AES_128`: a fresh 16-byte data key and its envelope. */
  generateDataKey(): KmsDataKey;
  /** Envelopes an existing data key (what the media cache keeps between runs). */
  envelope(plaintext: Uint8Array): KmsDataKey;
  /** Opens a `CiphertextBlob`; `undefined` when it is not one of this KMS's. */
  decrypt(ciphertextBlob: string): KmsDecrypted | undefined;
}

const VERSION = 1;
const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

/** Creates the KMS of one emulator instance. */
export function createEmulatorKms(): EmulatorKms {
  const masterKey = randomBytes(32);
  const keyId = randomUUID();
  const keyVersionId = randomUUID();
  const aad = uuidBytes(keyId);

  function envelope(plaintext: Uint8Array): KmsDataKey {
    if (plaintext.length !== 16) throw new TypeError('envelope: a data key is 16 bytes');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(aad);
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const blob = Buffer.concat([Buffer.of(VERSION), aad, iv, sealed, cipher.getAuthTag()]);
    return {
      KeyId: keyId,
      KeyVersionId: keyVersionId,
      CiphertextBlob: blob.toString('base64'),
      Plaintext: Buffer.from(plaintext).toString('base64'),
    };
  }

  return {
    keyId,
    generateDataKey: () => envelope(randomBytes(16)),
    envelope,
    decrypt(ciphertextBlob) {
      if (!/^[A-Za-z0-9+/]{40,200}={0,2}$/.test(ciphertextBlob)) return undefined;
      const blob = Buffer.from(ciphertextBlob, 'base64');
      if (blob.length !== 1 + 16 + 12 + 16 + 16 || blob[0] !== VERSION) return undefined;
      if (!blob.subarray(1, 17).equals(aad)) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', masterKey, blob.subarray(17, 29))
          .setAAD(aad)
          .setAuthTag(blob.subarray(45));
        const plaintext = Buffer.concat([decipher.update(blob.subarray(29, 45)), decipher.final()]);
        return {
          KeyId: keyId,
          KeyVersionId: keyVersionId,
          Plaintext: plaintext.toString('base64'),
        };
      } catch {
        return undefined;
      }
    },
  };
}
