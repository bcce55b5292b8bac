import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerErrorData,
  AliplayerEventName,
  AliplayerOptions,
} from '@playauth/core';

// The Aliplayer contract's scenarios, free of any test framework: each one drives players through
// the `Aliplayer` interface and returns what it observed. `describeAliplayerContract` runs them in
// Vitest (FakeAliplayer in jsdom); the e2e page runs the very same functions inside a file: page
// (the only place the real SDK plays without a licence) and hands the observations back to the
// same assertions (`expectAliplayerContract`).

/** What the scenarios need from the environment (a VOD server, credentials, options). */
export interface AliplayerContractFixture {
  /** A playable video (at least 3 s long, in at least two definitions) known to the VOD server. */
  videoId: string;
  /** A video id the VOD server does not know. */
  missingVideoId: string;
  /** A fresh, valid PlayAuth for `videoId` (or for `missingVideoId`). */
  playAuth(videoId: string): string | Promise<string>;
  /** A PlayAuth for `videoId` whose `AuthInfo.ExpireTime` is in the past. */
  expiredPlayAuth(videoId: string): string | Promise<string>;
  /**
   * Options for every player: e.g. `customVodServer`, `mute: true` (so autoplay is allowed),
   * `trackLog: false`, `disableTrack: true`, `assetPrefix`.
   */
  options?: Partial<AliplayerOptions>;
}

/** The scenarios, by name, with what each one shows. */
export const ALIPLAYER_SCENARIOS = {
  throws: 'throws synchronously on an element id, a missing playauth or a missing container',
  eventOrder: 'fires the documented events in order up to playing',
  replay: 'restarts at 0 on replayByVidAndPlayAuth',
  dispose:
    'dispose empties the container, keeps class and size, is idempotent and allows a new player',
  expired: 'reports an expired credential as error 4002, without the ready callback',
  undecodable:
    'reports an undecodable PlayAuth as 4012: an event on a cold page, inside the constructor once the PlayAuth module is loaded',
  missing: 'reports an unknown video as error 4500',
  definitions:
    'lists one stream per definition and switches with loadByUrl(url, seconds, autoplay, true), keeping vid and position',
} as const;

export type AliplayerScenario = keyof typeof ALIPLAYER_SCENARIOS;

/** The SDK's documented event order up to `playing` (autoplay, muted). */
export const CONTRACT_EVENT_ORDER = [
  'playInfoLoaded',
  'prepare',
  'readyCallback',
  'sourceloaded',
  'init',
  'changeURL',
  'play',
  'waiting',
  'durationchange',
  'ready',
  'canplay',
  'playing',
] as const;

/** What a scenario saw; plain data, so it crosses `page.evaluate`. */
export interface AliplayerObservations {
  /** `throws`: whether each malformed construction threw synchronously. */
  throws?: {
    elementId: boolean;
    missingPlayauth: boolean;
    camelCasePlayAuth: boolean;
    missingContainer: boolean;
  };
  /** `eventOrder`: event names as they fired ('readyCallback' for the constructor callback). */
  events?: string[];
  /** `eventOrder`: every event came as `{ type: <its name>, paramData }`. */
  eventShapeOk?: boolean;
  /** `replay`: getCurrentTime() before the replay and at its `canplay`. */
  replay?: { before: number; after: number };
  /** `dispose`: the container after dispose(), and the next player in it. */
  disposed?: {
    childCount: number;
    hasClass: boolean;
    width: string;
    height: string;
    secondDisposeThrew: boolean;
    nextDuration: number;
  };
  /** `expired`, `missing`: the `error` event. */
  error?: { code: number; messageType: string; readyCalled: boolean };
  /** `definitions`: the definitions listed, and the switch to the second one. */
  definitions?: {
    list: string[];
    /** getCurrentTime() before the switch and 300 ms after its `canplay`. */
    before: number;
    after: number;
    /** `getOptions().source` is the second stream's URL afterwards. */
    switchedSource: boolean;
    /** `getOptions().vid` afterwards. */
    vid: unknown;
  };
  /** `undecodable`: the first (cold) player's error event, then a player once the module is loaded. */
  undecodable?: {
    coldCode: number;
    coldReadyCalled: boolean;
    warmStatus: string;
    warmPlayInfoLoaded: boolean;
    warmReadyCalled: boolean;
  };
}

/** Resolves with the next `name` event's `paramData`; rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(
  player: Aliplayer,
  name: AliplayerEventName,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off(name, handler);
      reject(new Error(`No "${name}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (event: { paramData: unknown }) => {
      clearTimeout(timer);
      player.off(name, handler);
      resolve(event.paramData as T);
    };
    player.on(name, handler);
  });
}

/** Resolves once playback reaches `seconds`, checking on every `timeupdate`. */
function untilTime(player: Aliplayer, seconds: number, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off('timeupdate', handler);
      reject(new Error(`Playback did not reach ${seconds} s within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = () => {
      if (player.getCurrentTime() < seconds) return;
      clearTimeout(timer);
      player.off('timeupdate', handler);
      resolve();
    };
    player.on('timeupdate', handler);
  });
}

/** Whether `create` threw; a player it made anyway is disposed. */
function threw(create: () => unknown): boolean {
  try {
    (create() as Aliplayer | undefined)?.dispose?.();
    return false;
  } catch {
    return true;
  }
}

let counter = 0;

/**
 * Runs one scenario against `Player` in a container of its own; disposes every player it made
 * and removes the container, whatever happens. Expects a fresh SDK state (a new page for the real
 * SDK, `FakeAliplayer.reset()` for the fake): `undecodable` starts with the page's first player.
 *
 * @param timeoutMs - Longest wait for one expected event. Default 10 000.
 */
export async function runAliplayerScenario(
  scenario: AliplayerScenario,
  Player: AliplayerConstructor,
  fixture: AliplayerContractFixture,
  timeoutMs = 10_000,
): Promise<AliplayerObservations> {
  const container = document.createElement('div');
  counter += 1;
  container.id = `aliplayer-contract-${counter}`;
  document.body.append(container);
  const players: Aliplayer[] = [];
  const create = (options: Partial<AliplayerOptions>, ready?: (player: Aliplayer) => void) => {
    const player = new Player({ id: container.id, ...fixture.options, ...options }, ready);
    players.push(player);
    return player;
  };
  const vid = fixture.videoId;
  const playauth = () => fixture.playAuth(vid);
  try {
    switch (scenario) {
      case 'throws': {
        const auth = await playauth();
        const base = { ...fixture.options, vid };
        return {
          throws: {
            elementId: threw(
              () => new Player({ ...base, id: container as unknown as string, playauth: auth }),
            ),
            missingPlayauth: threw(() => new Player({ ...base, id: container.id })),
            camelCasePlayAuth: threw(
              () => new Player({ ...base, id: container.id, playAuth: auth }),
            ),
            missingContainer: threw(
              () => new Player({ ...base, id: `${container.id}-absent`, playauth: auth }),
            ),
          },
        };
      }
      case 'eventOrder': {
        const events: string[] = [];
        let eventShapeOk = true;
        const player = create({ vid, playauth: await playauth(), autoplay: true, mute: true }, () =>
          events.push('readyCallback'),
        );
        for (const name of CONTRACT_EVENT_ORDER) {
          if (name === 'readyCallback') continue;
          player.on(name, (event) => {
            if (event.type !== name || !('paramData' in event)) eventShapeOk = false;
            events.push(name);
          });
        }
        await nextEvent(player, 'playing', timeoutMs);
        return { events, eventShapeOk };
      }
      case 'replay': {
        const player = create({ vid, playauth: await playauth(), autoplay: true, mute: true });
        await nextEvent(player, 'playing', timeoutMs);
        await untilTime(player, 1, timeoutMs);
        const before = player.getCurrentTime();
        const fresh = await playauth();
        const canplay = nextEvent(player, 'canplay', timeoutMs);
        player.replayByVidAndPlayAuth(vid, fresh);
        await canplay;
        return { replay: { before, after: player.getCurrentTime() } };
      }
      case 'dispose': {
        const player = create({
          vid,
          playauth: await playauth(),
          autoplay: true,
          mute: true,
          width: '320px',
          height: '180px',
        });
        await nextEvent(player, 'canplay', timeoutMs);
        player.dispose();
        const childCount = container.childElementCount;
        const hasClass = container.classList.contains('prism-player');
        const { width, height } = container.style;
        const secondDisposeThrew = threw(() => player.dispose());
        const next = create({ vid, playauth: await playauth(), autoplay: false, mute: true });
        await nextEvent(next, 'canplay', timeoutMs);
        const nextDuration = next.getDuration();
        return {
          disposed: { childCount, hasClass, width, height, secondDisposeThrew, nextDuration },
        };
      }
      case 'expired':
      case 'missing': {
        let readyCalled = false;
        const options =
          scenario === 'expired'
            ? { vid, playauth: await fixture.expiredPlayAuth(vid) }
            : {
                vid: fixture.missingVideoId,
                playauth: await fixture.playAuth(fixture.missingVideoId),
              };
        const player = create(options, () => {
          readyCalled = true;
        });
        const error = await nextEvent<AliplayerErrorData>(player, 'error', timeoutMs);
        return {
          error: { code: error.error_code, messageType: typeof error.error_msg, readyCalled },
        };
      }
      case 'definitions': {
        let urls: Array<{ definition: string; Url: string }> = [];
        const player = create({ vid, playauth: await playauth(), autoplay: true, mute: true });
        player.on('playInfoLoaded', (event) => {
          urls = (event.paramData as { urls?: typeof urls } | null)?.urls ?? [];
        });
        await nextEvent(player, 'playing', timeoutMs);
        await untilTime(player, 1, timeoutMs);
        const list = urls.map((stream) => stream.definition);
        const target = urls[1];
        if (!target || !player.loadByUrl) {
          return { definitions: { list, before: 0, after: -1, switchedSource: false, vid: '' } };
        }
        const before = player.getCurrentTime();
        const canplay = nextEvent(player, 'canplay', timeoutMs);
        player.loadByUrl(target.Url, before, true, true);
        await canplay;
        await new Promise((resolve) => setTimeout(resolve, 300));
        const options = player.getOptions?.();
        return {
          definitions: {
            list,
            before,
            after: player.getCurrentTime(),
            switchedSource: options?.source === target.Url,
            vid: options?.vid,
          },
        };
      }
      case 'undecodable': {
        // The first player of a page loads the SDK's PlayAuth module asynchronously, so its 4012
        // comes as an event. After that, decoding runs inside the constructor: the 4012 `error`
        // fires before `new` returns, a listener attached afterwards misses it and only
        // getStatus() tells.
        let coldReadyCalled = false;
        const cold = create({ vid, playauth: 'not a PlayAuth' }, () => {
          coldReadyCalled = true;
        });
        const coldError = await nextEvent<AliplayerErrorData>(cold, 'error', timeoutMs);
        const warm = create({ vid, playauth: await playauth(), autoplay: false });
        await nextEvent(warm, 'playInfoLoaded', timeoutMs);
        warm.dispose();
        let warmReadyCalled = false;
        const player = create({ vid, playauth: 'not a PlayAuth' }, () => {
          warmReadyCalled = true;
        });
        const warmStatus = player.getStatus();
        let warmPlayInfoLoaded = false;
        player.on('playInfoLoaded', () => {
          warmPlayInfoLoaded = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        return {
          undecodable: {
            coldCode: coldError.error_code,
            coldReadyCalled,
            warmStatus,
            warmPlayInfoLoaded,
            warmReadyCalled,
          },
        };
      }
      default:
        throw new Error(`Unknown Aliplayer contract scenario "${String(scenario)}"`);
    }
  } finally {
    for (const player of players) {
      try {
        player.dispose();
      } catch {
        // A scenario may leave a half-built player behind; the container goes anyway.
      }
    }
    container.remove();
  }
}
