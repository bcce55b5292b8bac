import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { createNonceStore } from '../createNonceStore';

// `use` answers whether the nonce may be used now (true or 'fresh').
const accepted = (verdict: unknown) => verdict === true || verdict === 'fresh';

describe('createNonceStore', () => {
  it('refuses a nonce reused by the same key within the window, not by another key', () => {
    const clock = createManualClock(0);
    const nonces = createNonceStore(clock);
    expect(accepted(nonces.use('a', 'n1'))).toBe(true);
    expect(accepted(nonces.use('a', 'n1'))).toBe(false);
    expect(accepted(nonces.use('b', 'n1'))).toBe(true);
    clock.advance(15 * 60_000 + 1);
    expect(accepted(nonces.use('a', 'n1'))).toBe(true);
  });

  it("caps nonces per AccessKey: one key cannot push another key's nonces out", () => {
    const clock = createManualClock(0);
    const nonces = createNonceStore(clock);
    expect(accepted(nonces.use('victim', 'seen'))).toBe(true);
    let refused = 0;
    for (let i = 0; i <= 200_000; i++) if (!accepted(nonces.use('flood', `n${i}`))) refused++;
    expect(accepted(nonces.use('victim', 'seen'))).toBe(false);
    expect(refused).toBeGreaterThan(0);
    expect(accepted(nonces.use('victim', 'new'))).toBe(true);
  });
});
