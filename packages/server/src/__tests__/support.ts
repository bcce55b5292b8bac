import { expect } from 'vitest';
import { type CreateVodClientOptions, createVodClient } from '../createVodClient';

/** Test credentials, distinctive enough that a leak is found by substring search. */
export const CREDS = {
  accessKeyId: 'LTAI5tTestKeyId0001',
  accessKeySecret: 'TestSecret-do-not-leak-9f8e7d',
  securityToken: 'STS.TestToken+abc/def==',
};

/** One request the fake VOD received. */
export interface UpstreamCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  signature: string;
  nonce: string;
  date: string;
  /** The signal the client gave fetch. */
  signal?: AbortSignal;
}

/** How the fake VOD answers one call. */
export type UpstreamReply =
  | { status?: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | 'network'
  | 'hang';

/**
 * A VOD-shaped RequestId (an uppercase UUID) that is a pure function of `label`, so a test can
 * name the RequestId an answer carries: `requestIdFor('InvalidVideo.NotFound')`.
 */
export function requestIdFor(label: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const char of label) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  const u = hex.toUpperCase();
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-4${u.slice(13, 16)}-8${u.slice(17, 20)}-${u.slice(20, 32)}`;
}

export function playAuthBody(videoId: string, n = 0) {
  return {
    RequestId: requestIdFor(`OK-${videoId}-${n}`),
    VideoMeta: {
      VideoId: videoId,
      Title: 'Test video',
      Duration: 12.5,
      CoverURL: 'https://example.com/cover.jpg',
      Status: 'Normal',
    },
    PlayAuth: `PLAYAUTH-${videoId}-${n}`,
  };
}

export function vodError(
  code: string,
  status: number,
  message = `upstream says ${code}`,
  headers: Record<string, string> = {},
): UpstreamReply {
  return {
    status,
    body: {
      RequestId: requestIdFor(code),
      HostId: 'vod.cn-shanghai.aliyuncs.com',
      Code: code,
      Message: message,
      Recommend: 'https://next.api.aliyun.com/troubleshoot',
    },
    headers,
  };
}

/**
 * A fake VOD behind an injected `fetch`: records every call (with its signature and nonce) and
 * answers with `reply(call, index)`.
 */
export function fakeUpstream(
  reply: (call: UpstreamCall, index: number) => UpstreamReply | Promise<UpstreamReply>,
) {
  const calls: UpstreamCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const call: UpstreamCall = {
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers,
      signature: /Signature=([0-9a-f]+)/.exec(headers.authorization ?? '')?.[1] ?? '',
      nonce: headers['x-acs-signature-nonce'] ?? '',
      date: headers['x-acs-date'] ?? '',
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const answer = await reply(call, calls.length - 1);
    if (answer === 'network') throw new TypeError('fetch failed');
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init.signal;
        signal?.addEventListener('abort', () =>
          reject(signal.reason ?? new DOMException('aborted', 'AbortError')),
        );
      });
    }
    const text =
      answer.text ??
      JSON.stringify(
        answer.body ?? playAuthBody(call.url.searchParams.get('VideoId') ?? '', calls.length),
      );
    return new Response(text, {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json;charset=utf-8', ...answer.headers },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/**
 * Collects everything the suite sends back (bodies, headers, log lines, error messages) and checks
 * at the end that no credential or signature shows up in any of it.
 */
export class LeakSweep {
  private readonly texts: { label: string; text: string }[] = [];
  private readonly secrets = new Set<string>([
    CREDS.accessKeyId,
    CREDS.accessKeySecret,
    CREDS.securityToken,
  ]);

  add(label: string, text: string): void {
    this.texts.push({ label, text });
  }

  /** Records a response's status, headers and body; returns the body text. */
  async response(label: string, response: Response): Promise<string> {
    const body = await response.clone().text();
    const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    this.add(label, `${response.status}\n${headers}\n\n${body}`);
    return body;
  }

  /** Adds the signatures (and full authorization headers) an upstream saw to the forbidden set. */
  forbidSignaturesOf(calls: UpstreamCall[]): void {
    for (const call of calls) {
      if (call.signature) this.secrets.add(call.signature);
      if (call.headers.authorization) this.secrets.add(call.headers.authorization);
    }
  }

  get size(): number {
    return this.texts.length;
  }

  assertClean(): void {
    const found: string[] = [];
    for (const { label, text } of this.texts) {
      for (const secret of this.secrets) {
        if (text.includes(secret)) found.push(`${label} contains ${secret.slice(0, 6)}...`);
      }
      if (/ACS3-HMAC-SHA256|x-acs-security-token/i.test(text))
        found.push(`${label} has signing data`);
    }
    expect(found).toEqual([]);
  }
}

/** A VOD client with the test credentials that sends its calls to `fetch` (a fake upstream). */
export function clientFor(
  fetch: typeof globalThis.fetch,
  options: Partial<CreateVodClientOptions> = {},
) {
  return createVodClient({ ...CREDS, endpoint: 'https://vod.test.example', fetch, ...options });
}
