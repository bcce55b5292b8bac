import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerErrorData,
  AliplayerEventName,
  AliplayerOptions,
} from '@playauth/core';

// The Aliplayer contract's key scenarios (packages/testing/src/contract/aliplayerContract.ts),
// run inside the file: page so that they reach the real SDK, which only plays without a licence
// on file: pages. Each scenario returns observations; the Playwright test asserts on them, for the
// real SDK and for FakeAliplayer alike.

/** What the Node side hands to a scenario. */
export interface ContractFixture {
  videoId: string;
  missingVideoId: string;
  /** Fresh PlayAuths for `videoId` (one per player the scenario creates). */
  playAuths: string[];
  /** A PlayAuth for `missingVideoId`. */
  missingPlayAuth: string;
  /** A PlayAuth for `videoId` whose AuthInfo has expired. */
  expiredPlayAuth: string;
  options: Partial<AliplayerOptions>;
  timeoutMs: number;
}

export interface ContractObservations {
  /** Synchronous constructor failures (true = threw). */
  throws?: Record<string, boolean>;
  /** Event names in the order they fired ('readyCallback' for the constructor callback). */
  events?: string[];
  /** Every fired event had `{ type: <name>, paramData }`. */
  eventShapeOk?: boolean;
  /** getCurrentTime() before and right after the replay's `canplay`. */
  timeBeforeReplay?: number;
  timeAfterReplay?: number;
  /** Container state after dispose(). */
  disposed?: {
    childCount: number;
    hasClass: boolean;
    width: string;
    height: string;
    secondDisposeThrew: boolean;
    nextDuration: number;
  };
  error?: { code: number; messageType: string; readyCalled: boolean };
}

const ORDER: AliplayerEventName[] = [
  'playInfoLoaded',
  'prepare',
  'sourceloaded',
  'init',
  'changeURL',
  'play',
  'waiting',
  'durationchange',
  'ready',
  'canplay',
  'playing',
];

let counter = 0;

function newContainer(): HTMLDivElement {
  const container = document.createElement('div');
  counter += 1;
  container.id = `aliplayer-contract-${counter}`;
  document.body.append(container);
  return container;
}

function nextEvent<T = unknown>(player: Aliplayer, name: AliplayerEventName, ms: number) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off(name, handler);
      reject(new Error(`No "${name}" event within ${ms} ms`));
    }, ms);
    const handler = (event: { paramData: unknown }) => {
      clearTimeout(timer);
      player.off(name, handler);
      resolve(event.paramData as T);
    };
    player.on(name, handler);
  });
}

function untilTime(player: Aliplayer, seconds: number, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      player.off('timeupdate', handler);
      reject(new Error(`Playback did not reach ${seconds} s within ${ms} ms`));
    }, ms);
    const handler = () => {
      if (player.getCurrentTime() < seconds) return;
      clearTimeout(timer);
      player.off('timeupdate', handler);
      resolve();
    };
    player.on('timeupdate', handler);
  });
}

function threw(create: () => unknown): boolean {
  try {
    const player = create() as Aliplayer | undefined;
    player?.dispose?.();
    return false;
  } catch {
    return true;
  }
}

/** Runs one scenario against `Player`; disposes every player and container it made. */
export async function runContractScenario(
  scenario: string,
  Player: AliplayerConstructor,
  fixture: ContractFixture,
): Promise<ContractObservations> {
  const container = newContainer();
  const players: Aliplayer[] = [];
  const auths = [...fixture.playAuths];
  const nextAuth = () => {
    const auth = auths.shift();
    if (!auth) throw new Error('contract scenario: not enough PlayAuths');
    return auth;
  };
  const create = (options: Partial<AliplayerOptions>, ready?: (player: Aliplayer) => void) => {
    const player = new Player({ id: container.id, ...fixture.options, ...options }, ready);
    players.push(player);
    return player;
  };
  const wait = fixture.timeoutMs;
  const vid = fixture.videoId;
  try {
    switch (scenario) {
      case 'throws': {
        const playauth = nextAuth();
        const base = { ...fixture.options, vid };
        return {
          throws: {
            elementId: threw(
              () => new Player({ ...base, id: container as unknown as string, playauth }),
            ),
            missingPlayauth: threw(() => new Player({ ...base, id: container.id })),
            camelCasePlayAuth: threw(
              () => new Player({ ...base, id: container.id, playAuth: playauth }),
            ),
            missingContainer: threw(
              () => new Player({ ...base, id: `${container.id}-absent`, playauth }),
            ),
          },
        };
      }
      case 'eventOrder': {
        const events: string[] = [];
        let eventShapeOk = true;
        const player = create({ vid, playauth: nextAuth(), autoplay: true, mute: true }, () =>
          events.push('readyCallback'),
        );
        for (const name of ORDER) {
          player.on(name, (event) => {
            if (event.type !== name || !('paramData' in event)) eventShapeOk = false;
            events.push(name);
          });
        }
        await nextEvent(player, 'playing', wait);
        return { events, eventShapeOk };
      }
      case 'replay': {
        const player = create({ vid, playauth: nextAuth(), autoplay: true, mute: true });
        await nextEvent(player, 'playing', wait);
        await untilTime(player, 1, wait);
        const timeBeforeReplay = player.getCurrentTime();
        const canplay = nextEvent(player, 'canplay', wait);
        player.replayByVidAndPlayAuth(vid, nextAuth());
        await canplay;
        return { timeBeforeReplay, timeAfterReplay: player.getCurrentTime() };
      }
      case 'dispose': {
        const player = create({
          vid,
          playauth: nextAuth(),
          autoplay: true,
          mute: true,
          width: '320px',
          height: '180px',
        });
        await nextEvent(player, 'canplay', wait);
        player.dispose();
        const childCount = container.childElementCount;
        const hasClass = container.classList.contains('prism-player');
        const { width, height } = container.style;
        const secondDisposeThrew = threw(() => player.dispose());
        const next = create({ vid, playauth: nextAuth(), autoplay: false, mute: true });
        await nextEvent(next, 'canplay', wait);
        return {
          disposed: {
            childCount,
            hasClass,
            width,
            height,
            secondDisposeThrew,
            nextDuration: next.getDuration(),
          },
        };
      }
      case 'expired':
      case 'undecodable':
      case 'missing': {
        let readyCalled = false;
        const options =
          scenario === 'expired'
            ? { vid, playauth: fixture.expiredPlayAuth }
            : scenario === 'undecodable'
              ? { vid, playauth: 'not a PlayAuth' }
              : { vid: fixture.missingVideoId, playauth: fixture.missingPlayAuth };
        const player = create(options, () => {
          readyCalled = true;
        });
        const error = await nextEvent<AliplayerErrorData>(player, 'error', wait);
        return {
          error: { code: error.error_code, messageType: typeof error.error_msg, readyCalled },
        };
      }
      default:
        throw new Error(`unknown contract scenario ${scenario}`);
    }
  } finally {
    for (const player of players) {
      try {
        player.dispose();
      } catch {
        // a scenario may have left a half-built player; the container goes anyway
      }
    }
    container.remove();
  }
}
