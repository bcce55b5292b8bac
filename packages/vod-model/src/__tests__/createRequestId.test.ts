import { createRequestId } from '@playauth/vod-model';
import { describe, expect, it } from 'vitest';

describe('createRequestId', () => {
  it('is a fresh upper-case UUID', () => {
    const id = createRequestId();
    expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(createRequestId()).not.toBe(id);
  });
});
