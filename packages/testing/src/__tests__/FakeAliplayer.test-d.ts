import type { Aliplayer, AliplayerConstructor, AliplayerEvent } from '@playauth/core';
import { FakeAliplayer } from '@playauth/testing';
import { expectTypeOf, test } from 'vitest';

test('FakeAliplayer is an AliplayerConstructor and its instances are Aliplayers', () => {
  expectTypeOf(FakeAliplayer).toExtend<AliplayerConstructor>();
  expectTypeOf<FakeAliplayer>().toExtend<Aliplayer>();
  expectTypeOf(FakeAliplayer.getVersion).returns.toEqualTypeOf<string>();
});

test('handlers are typed by event name', () => {
  const player = {} as FakeAliplayer;
  player.on('error', (event) => {
    expectTypeOf(event).toEqualTypeOf<AliplayerEvent<'error'>>();
    expectTypeOf(event.paramData.error_code).toEqualTypeOf<number>();
  });
  // @ts-expect-error unknown event name
  player.on('no-such-event', () => {});
});
