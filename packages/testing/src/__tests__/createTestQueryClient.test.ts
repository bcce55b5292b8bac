import { createTestQueryClient } from '@playauth/testing';
import { describe, expect, test } from 'vitest';

describe('createTestQueryClient', () => {
  test('no retries, no garbage-collection timers, always stale', () => {
    const client = createTestQueryClient();
    const defaults = client.getDefaultOptions();
    expect(defaults.queries).toMatchObject({ retry: false, gcTime: Infinity, staleTime: 0 });
    expect(defaults.mutations).toMatchObject({ retry: false });
  });

  test('a failing query fails at once', async () => {
    const client = createTestQueryClient();
    let calls = 0;
    await expect(
      client.fetchQuery({
        queryKey: ['x'],
        queryFn: () => {
          calls += 1;
          throw new Error('down');
        },
      }),
    ).rejects.toThrow('down');
    expect(calls).toBe(1);
  });

  test('overrides merge field by field; each call is a fresh client', () => {
    const client = createTestQueryClient({ defaultOptions: { queries: { staleTime: 1000 } } });
    expect(client.getDefaultOptions().queries).toMatchObject({ retry: false, staleTime: 1000 });
    expect(createTestQueryClient()).not.toBe(createTestQueryClient());
  });
});
