import type { VodRefusal } from '@playauth/vod-model';

/**
 * An error the emulator answers with the gateway's error body
 * `{ RequestId, HostId, Code, Message, Recommend }`.
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';

  /**
   * @param code - The VOD / gateway error code, e.g. `SignatureDoesNotMatch`.
   * @param status - The HTTP status to answer with.
   * @param message - The `Message` of the body.
   */
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** The error for a refusal of the shared VOD model (same code, status and message). */
  static fromRefusal(refusal: VodRefusal): EmulatorError {
    return new EmulatorError(refusal.code, refusal.status, refusal.message);
  }

  /** `MissingParameter` (400) in the gateway's wording. */
  static missingParameter(name: string): EmulatorError {
    return new EmulatorError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  }

  /** `InvalidParameter` (400) naming the parameter and the rule it breaks. */
  static invalidParameter(name: string, rule: string): EmulatorError {
    return new EmulatorError(
      'InvalidParameter',
      400,
      `The specified parameter "${name}" is not valid: ${rule}.`,
    );
  }
}

/** The gateway's error body. */
export interface GatewayErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

/** Builds the gateway error body for `error`. */
export function gatewayErrorBody(
  error: EmulatorError,
  requestId: string,
  hostId: string,
): GatewayErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Vod&requestId=${requestId}`,
  };
}
