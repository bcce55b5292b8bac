import type { AliplayerOptions } from '@playauth/core';
import { FakeAliplayer, type FakeAliplayerOptions } from '@playauth/testing';

/**
 * FakeAliplayer as the real SDK behaves on an http(s) page without a valid licence: error 4036
 * about 130 ms after creation, the `<video>` removed, every listener dropped. Only this player
 * enforces it (FakeAliplayer.enforceLicense is a global switch, restored right after construction),
 * so other stories on the same docs page keep playing.
 */
export class UnlicensedAliplayer extends FakeAliplayer {
  constructor(options: AliplayerOptions, ready?: (player: FakeAliplayer) => void) {
    const previous = FakeAliplayer.enforceLicense;
    FakeAliplayer.enforceLicense = true;
    const withCheck: FakeAliplayerOptions = {
      ...options,
      fake: { ...(options as FakeAliplayerOptions).fake, checkLicense: () => 4036 },
    };
    try {
      super(withCheck, ready);
    } finally {
      FakeAliplayer.enforceLicense = previous;
    }
  }
}
