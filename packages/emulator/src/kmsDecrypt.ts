import type { EmulatorKms, KmsDecrypted } from './createEmulatorKms';
import { EmulatorError } from './EmulatorError';

/** KMS `Decrypt`'s 200 body. */
export interface KmsDecryptBody extends KmsDecrypted {
  RequestId: string;
}

/**
 * KMS `Decrypt` (API 2016-01-20) of the emulator, reached only after the request's signature,
 * key, timestamp and nonce were checked like every other call: opens `CiphertextBlob` with the
 * emulator's master key and answers `{ KeyId, KeyVersionId, Plaintext (base64), RequestId }`.
 * `EncryptionContext`, when sent, must be a JSON object (the emulator's data keys carry none, so
 * a non-empty one does not match and the blob does not open, as in KMS).
 *
 * @throws {@link EmulatorError} `MissingParameter`, `InvalidParameter` (EncryptionContext),
 * `InvalidCiphertext` (400): not a blob of this KMS, altered, or another context.
 */
export function kmsDecrypt(
  params: Readonly<Record<string, string>>,
  kms: EmulatorKms,
  requestId: string,
): KmsDecryptBody {
  const blob = params.CiphertextBlob;
  if (!blob) throw EmulatorError.missingParameter('CiphertextBlob');
  let context: unknown = {};
  if (params.EncryptionContext !== undefined && params.EncryptionContext !== '') {
    try {
      context = JSON.parse(params.EncryptionContext);
    } catch {
      context = undefined;
    }
    if (typeof context !== 'object' || context === null || Array.isArray(context)) {
      throw EmulatorError.invalidParameter('EncryptionContext', 'must be a JSON object');
    }
  }
  const opened = Object.keys(context as object).length === 0 ? kms.decrypt(blob) : undefined;
  if (!opened) {
    throw new EmulatorError(
      'InvalidCiphertext',
      400,
      'The CiphertextBlob cannot be decrypted: it was not made by this KMS, was altered, or needs another EncryptionContext.',
    );
  }
  return { ...opened, RequestId: requestId };
}
