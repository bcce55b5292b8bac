import { act } from 'react';
import { vi } from 'vitest';

/**
 * Moves the fake clock `ms` forward in `step`-sized slices, each inside `act` so React commits
 * and effects (and the promise chains they start) settle between slices, as they would in time.
 */
export async function advance(ms: number, step = 10_000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    const slice = Math.min(step, ms - done);
    await act(() => vi.advanceTimersByTimeAsync(slice));
  }
}
