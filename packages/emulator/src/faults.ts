/** What a fault rule (and a latency setting) applies to: an API action or the media route. */
export type FaultAction = 'GetVideoPlayAuth' | 'GetVideoInfo' | 'GetPlayInfo' | 'media' | '*';

/**
 * A fault to inject. The first rule whose `action` (and `videoId`, if set) matches a request
 * and whose `rate` roll succeeds is applied to it:
 * - `drop: true` destroys the socket without an answer (a network error for the client);
 * - `code` answers the gateway error body with that code (status from `status`, or the code's
 *   usual status: `Throttling*` 400, `ServiceUnavailable` 503, `InternalError` 500, else 400);
 * - `latencyMs` delays the request first; a rule with only `latencyMs` then lets it through;
 * - a rule with only `status` answers `InternalError` (500), `ServiceUnavailable` (other 5xx)
 *   or `Throttling.User` (4xx); a rule with none of these answers `ServiceUnavailable` (503).
 *
 * @example
 * ```ts
 * emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User', times: 2 });
 * emulator.addFault({ action: 'GetPlayInfo', drop: true, rate: 0.5 });
 * ```
 */
export interface FaultRule {
  action: FaultAction;
  /** Only requests for this VideoId. */
  videoId?: string;
  /** Error code to answer, e.g. `Throttling.User`, `ServiceUnavailable`, `InternalError`. */
  code?: string;
  /** HTTP status of the error answer. Default: the code's usual status. */
  status?: number;
  /** `Message` of the error answer. */
  message?: string;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
  /** Delay before the fault (or the normal answer), real milliseconds. */
  latencyMs?: number;
  /** Apply to this many requests, then retire the rule. Default: every matching request. */
  times?: number;
  /** Probability (0..1) that a matching request is affected; rolls use a seeded RNG. Default 1. */
  rate?: number;
}

/** The effect of a fault on one request. */
export interface FaultEffect {
  latencyMs: number;
  drop: boolean;
  error?: { code: string; status: number; message: string };
}

/** The fault rules of one emulator, applied in order. */
export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
  /** Picks (and uses up) the fault for a request, if any. */
  take(action: Exclude<FaultAction, '*'>, videoId: string | undefined): FaultEffect | undefined;
  readonly rules: readonly FaultRule[];
}

const MESSAGES: Record<string, string> = {
  'throttling.user': 'Request was denied due to user flow control.',
  serviceunavailable: 'The request has failed due to a temporary failure of the server.',
  internalerror: 'The request processing has failed due to some unknown error.',
};

/** The HTTP status the real service usually pairs with an error code. */
export function defaultFaultStatus(code: string): number {
  const c = code.toLowerCase();
  if (c === 'serviceunavailable') return 503;
  if (c === 'internalerror') return 500;
  return 400;
}

function codeForStatus(status: number | undefined): string {
  if (status === undefined || status > 500) return 'ServiceUnavailable';
  return status === 500 ? 'InternalError' : 'Throttling.User';
}

/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same sequence, so a test
 * with `rate: 0.5` faults the same requests on every run.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validate(rule: FaultRule): FaultRule {
  const actions: FaultAction[] = ['GetVideoPlayAuth', 'GetVideoInfo', 'GetPlayInfo', 'media', '*'];
  if (!actions.includes(rule.action)) {
    throw new TypeError(`FaultRule.action must be one of ${actions.join(', ')}`);
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new TypeError('FaultRule.times must be a positive integer');
  }
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
    throw new TypeError('FaultRule.rate must be a number from 0 to 1');
  }
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)
  ) {
    throw new TypeError('FaultRule.status must be an HTTP error status (400-599)');
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0 && Number.isFinite(rule.latencyMs))) {
    throw new TypeError('FaultRule.latencyMs must be a finite number >= 0');
  }
  return { ...rule };
}

/**
 * Creates a fault injector.
 *
 * @param initial - Rules to start with.
 * @param seed - Seed of the RNG used by `rate`. Default 1.
 */
export function createFaultInjector(initial: readonly FaultRule[] = [], seed = 1): FaultInjector {
  let rules = initial.map(validate);
  const random = createSeededRandom(seed);
  const remaining = new WeakMap<FaultRule, number>();
  for (const rule of rules) if (rule.times !== undefined) remaining.set(rule, rule.times);

  return {
    add(rule) {
      const copy = validate(rule);
      if (copy.times !== undefined) remaining.set(copy, copy.times);
      rules = [...rules, copy];
    },
    clear() {
      rules = [];
    },
    get rules() {
      return rules;
    },
    take(action, videoId) {
      const rule = rules.find(
        (r) =>
          (r.action === action || r.action === '*') &&
          (r.videoId === undefined || r.videoId === videoId) &&
          (r.rate === undefined || r.rate >= 1 || random() < r.rate),
      );
      if (!rule) return undefined;
      const left = remaining.get(rule);
      if (left !== undefined) {
        if (left <= 1) rules = rules.filter((r) => r !== rule);
        else remaining.set(rule, left - 1);
      }
      const effect: FaultEffect = { latencyMs: rule.latencyMs ?? 0, drop: rule.drop === true };
      const onlyLatency = rule.latencyMs !== undefined && !rule.code && !rule.drop && !rule.status;
      if (!rule.drop && !onlyLatency) {
        const code = rule.code ?? codeForStatus(rule.status);
        effect.error = {
          code,
          status: rule.status ?? defaultFaultStatus(code),
          message: rule.message ?? MESSAGES[code.toLowerCase()] ?? `Injected fault ${code}.`,
        };
      }
      return effect;
    },
  };
}
