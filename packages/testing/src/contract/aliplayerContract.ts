import type { AliplayerConstructor } from '@playauth/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALIPLAYER_SCENARIOS,
  type AliplayerContractFixture,
  type AliplayerObservations,
  type AliplayerScenario,
  CONTRACT_EVENT_ORDER,
  runAliplayerScenario,
} from './aliplayerScenarios';

export type { AliplayerContractFixture } from './aliplayerScenarios';

/** How {@link describeAliplayerContract} reaches the implementation under test. */
export interface AliplayerContractEnvironment {
  /** The constructor under test: `FakeAliplayer`, or the real SDK's `window.Aliplayer`. */
  getConstructor(): AliplayerConstructor | Promise<AliplayerConstructor>;
  /** Called before each scenario. */
  setup(): AliplayerContractFixture | Promise<AliplayerContractFixture>;
  /** Called after each scenario, after the players were disposed. */
  teardown?(): void | Promise<void>;
  /** Milliseconds to wait for one expected event. Default 10 000. */
  eventTimeoutMs?: number;
}

/**
 * The behaviour playauth relies on, written against the `Aliplayer` interface only, so that the
 * same scenarios run against {@link FakeAliplayer} in jsdom and against the real SDK in a browser
 * (where the fake cannot drift from the real thing unnoticed). Registers a `describe` block.
 *
 * @example
 * ```ts
 * describeAliplayerContract('FakeAliplayer', {
 *   getConstructor: () => FakeAliplayer,
 *   setup: () => ({ videoId: 'v1', missingVideoId: 'nope', playAuth: (id) => createPlayAuth(id),
 *     expiredPlayAuth: (id) => createPlayAuth(id, { now: Date.now() - 3_600_000 }),
 *     options: { customVodServer: 'http://127.0.0.1:9999/vod', mute: true } }),
 * });
 * ```
 */
export function describeAliplayerContract(name: string, env: AliplayerContractEnvironment): void {
  describe(`Aliplayer contract: ${name}`, () => {
    let Player: AliplayerConstructor;
    let fixture: AliplayerContractFixture;

    beforeEach(async () => {
      Player = await env.getConstructor();
      fixture = await env.setup();
    });

    afterEach(async () => {
      await env.teardown?.();
    });

    for (const [scenario, title] of Object.entries(ALIPLAYER_SCENARIOS)) {
      it(title, async () => {
        const key = scenario as AliplayerScenario;
        const seen = await runAliplayerScenario(key, Player, fixture, env.eventTimeoutMs);
        expectAliplayerContract(key, seen);
      });
    }
  });
}

/**
 * Asserts what one scenario observed (see {@link runAliplayerScenario}), wherever it ran: in
 * this process, or in a browser page whose observations came back through `page.evaluate`.
 */
export function expectAliplayerContract(
  scenario: AliplayerScenario,
  seen: AliplayerObservations,
): void {
  switch (scenario) {
    case 'throws':
      expect(seen.throws).toEqual({
        elementId: true,
        missingPlayauth: true,
        camelCasePlayAuth: true,
        missingContainer: true,
      });
      return;
    case 'eventOrder': {
      const events = seen.events ?? [];
      expect(seen.eventShapeOk, 'every event is { type, paramData }').toBe(true);
      const firsts = CONTRACT_EVENT_ORDER.map((event) => events.indexOf(event));
      expect(
        firsts.every((index) => index >= 0),
        `events seen: ${events.join(' ')}`,
      ).toBe(true);
      expect(firsts, `events seen: ${events.join(' ')}`).toEqual([...firsts].sort((a, b) => a - b));
      return;
    }
    case 'replay':
      expect(seen.replay?.before).toBeGreaterThanOrEqual(1);
      expect(seen.replay?.after).toBeLessThan(0.5);
      return;
    case 'dispose':
      expect(seen.disposed).toMatchObject({
        childCount: 0,
        hasClass: true,
        width: '320px',
        height: '180px',
        secondDisposeThrew: false,
      });
      expect(seen.disposed?.nextDuration).toBeGreaterThan(0);
      return;
    case 'expired':
      expect(seen.error).toEqual({ code: 4002, messageType: 'string', readyCalled: false });
      return;
    case 'undecodable':
      expect(seen.undecodable).toEqual({
        coldCode: 4012,
        coldReadyCalled: false,
        warmStatus: 'error',
        warmPlayInfoLoaded: false,
        warmReadyCalled: false,
      });
      return;
    case 'missing':
      expect(seen.error?.code).toBe(4500);
      return;
    case 'definitions': {
      const seenDefinitions = seen.definitions;
      expect(seenDefinitions?.list.length).toBeGreaterThanOrEqual(2);
      expect(seenDefinitions?.switchedSource).toBe(true);
      expect(typeof seenDefinitions?.vid).toBe('string');
      expect(seenDefinitions?.after).toBeGreaterThan((seenDefinitions?.before ?? 0) - 0.5);
      expect(seenDefinitions?.after).toBeLessThan((seenDefinitions?.before ?? 0) + 1.5);
      return;
    }
  }
}
