/** Why {@link LocalBackendError} was thrown. */
export type LocalBackendErrorCode =
  /** An option has the wrong type or range (nothing was started). */
  | 'InvalidOptions'
  /** The VOD emulator did not start (nothing is left running). */
  | 'EmulatorFailed'
  /** The credential endpoint could not listen, e.g. its port is taken (the emulator was closed). */
  | 'ListenFailed';

/**
 * Thrown by `startLocalBackend` with a `code` to branch on and a message that says what to change.
 * The underlying error, if any, is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await startLocalBackend({ port: 6007 });
 * } catch (error) {
 *   if (error instanceof LocalBackendError && error.code === 'ListenFailed') {
 *     await startLocalBackend({ port: 0 }); // any free port
 *   } else throw error;
 * }
 * ```
 */
export class LocalBackendError extends Error {
  override readonly name = 'LocalBackendError';
  readonly code: LocalBackendErrorCode;

  constructor(code: LocalBackendErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
