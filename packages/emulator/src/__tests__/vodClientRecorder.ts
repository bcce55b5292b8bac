import type { CreateVodClientOptions } from '@playauth/server';
import type { VodEmulator } from '../index';

/** Retries the integration suites allow a client (fast: 5 ms apart). */
export const MAX_RETRIES = 2;

/** One HTTP request a VOD client sent, as a recording `fetch` saw it. */
export interface Attempt {
  nonce: string;
  date: string;
  accessKeyId: string;
  signature: string;
  securityToken: string | null;
  url: string;
  status?: number;
  body?: string;
}

/**
 * A `fetch` that passes through to the global one and hands `record` what each attempt signed
 * (nonce, date, key, signature, token) and, once answered, its status and body.
 */
export function createRecordingFetch(record: (attempt: Attempt) => void): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization') ?? '';
    const attempt: Attempt = {
      nonce: headers.get('x-acs-signature-nonce') ?? '',
      date: headers.get('x-acs-date') ?? '',
      accessKeyId: /Credential=([^,]+)/.exec(authorization)?.[1] ?? '',
      signature: /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '',
      securityToken: headers.get('x-acs-security-token'),
      url: String(input),
    };
    record(attempt);
    const response = await fetch(input, init);
    attempt.status = response.status;
    attempt.body = await response.clone().text();
    return response;
  };
}

/** Client options for `emulator` as the integration suites use them: its key, 2 s, fast retries. */
export function emulatorClientOptions(
  emulator: VodEmulator,
  fetch: typeof globalThis.fetch,
): CreateVodClientOptions {
  return {
    endpoint: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    fetch,
    timeoutMs: 2000,
    maxRetries: MAX_RETRIES,
    retryDelayMs: () => 5,
  };
}
