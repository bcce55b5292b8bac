import { describe, expectTypeOf, test } from 'vitest';
import { en, type VodPlayerMessages, zhCN } from '../index';

describe('message sets', () => {
  test('zhCN and en are complete VodPlayerMessages', () => {
    expectTypeOf(zhCN).toEqualTypeOf<VodPlayerMessages>();
    expectTypeOf(en).toEqualTypeOf<VodPlayerMessages>();
  });

  test('a set missing a key is a type error', () => {
    const { retry: _retry, ...withoutRetry } = zhCN;
    // @ts-expect-error `retry` is missing
    const incomplete: VodPlayerMessages = withoutRetry;
    void incomplete;
    const complete: VodPlayerMessages = { ...withoutRetry, retry: '重试' };
    void complete;
  });

  test('the functions take what the UI passes', () => {
    expectTypeOf(zhCN.play).parameters.toEqualTypeOf<[title: string]>();
    expectTypeOf(zhCN.license).returns.toEqualTypeOf<string>();
  });
});
