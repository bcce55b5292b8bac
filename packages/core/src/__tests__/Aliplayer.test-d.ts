import { describe, expectTypeOf, it } from 'vitest';
import type {
  Aliplayer,
  AliplayerConstructor,
  AliplayerErrorData,
  AliplayerEvent,
  AliplayerEventName,
  AliplayerNoData,
  AliplayerOptions,
} from '../Aliplayer';
import { type AliplayerSource, loadAliplayer } from '../loadAliplayer';
import type { PlayAuthError } from '../PlayAuthError';
import { PlayerController, type PlayerSnapshot, type PlayerStatus } from '../PlayerController';
import { type PlayerError, type PlayerErrorKind, toPlayerError } from '../PlayerError';

declare const player: Aliplayer;
declare const Ctor: AliplayerConstructor;

describe('Aliplayer types', () => {
  it('types event payloads by name', () => {
    player.on('error', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'error'>();
      expectTypeOf(event.paramData).toEqualTypeOf<AliplayerErrorData>();
      expectTypeOf(event.paramData.error_code).toEqualTypeOf<number>();
    });
    player.on('autoplay', (event) => expectTypeOf(event.paramData).toEqualTypeOf<boolean>());
    player.on('completeSeek', (event) => expectTypeOf(event.paramData).toEqualTypeOf<number>());
    expectTypeOf<AliplayerEvent<'ended'>['paramData']>().toEqualTypeOf<
      { playTime?: number } | null | undefined
    >();
  });

  it('types events without data as null (what the SDK passes) or undefined', () => {
    expectTypeOf<AliplayerEvent<'play'>['paramData']>().toEqualTypeOf<AliplayerNoData>();
    expectTypeOf<null>().toExtend<AliplayerEvent<'ready'>['paramData']>();
    expectTypeOf<null>().toExtend<AliplayerEvent<'canplay'>['paramData']>();
    expectTypeOf<''>().toExtend<AliplayerEvent<'durationchange'>['paramData']>();
    expectTypeOf<AliplayerEvent<'durationchange'>['paramData']>().toEqualTypeOf<
      '' | null | undefined
    >();
  });

  it('rejects unknown event names and mismatched handlers', () => {
    // @ts-expect-error not an Aliplayer event
    player.on('plaing', () => {});
    // @ts-expect-error an error handler gets AliplayerErrorData, not a number
    player.on('error', (event: AliplayerEvent<'autoplay'>) => event);
    expectTypeOf<'authkeyexpired'>().toExtend<AliplayerEventName>();
    expectTypeOf<'playInfoLoaded'>().toExtend<AliplayerEventName>();
  });

  it('requires a string id and types common options', () => {
    const options: AliplayerOptions = { id: 'box', vid: 'v', playauth: 'p', autoplay: false };
    expectTypeOf(new Ctor(options)).toEqualTypeOf<Aliplayer>();
    new Ctor(options, (ready) => expectTypeOf(ready).toEqualTypeOf<Aliplayer>());
    // @ts-expect-error id is required
    const noId: AliplayerOptions = { vid: 'v' };
    // @ts-expect-error id is a string, not an element
    const elementId: AliplayerOptions = { id: document.body };
    // @ts-expect-error controlBarVisibility has fixed values
    const bar: AliplayerOptions = { id: 'a', controlBarVisibility: 'sometimes' };
    expectTypeOf(options.license).toEqualTypeOf<{ domain: string; key: string } | undefined>();
    void [noId, elementId, bar];
  });

  it('types the instance methods', () => {
    expectTypeOf(player.getCurrentTime()).toEqualTypeOf<number>();
    expectTypeOf(player.replayByVidAndPlayAuth).parameters.toEqualTypeOf<[string, string]>();
    expectTypeOf(player.fullscreenService.getIsFullScreen()).toEqualTypeOf<boolean>();
    expectTypeOf(player.tag).toEqualTypeOf<HTMLVideoElement | null>();
  });
});

describe('loader and controller types', () => {
  it('accepts every source shape', () => {
    expectTypeOf(loadAliplayer()).toEqualTypeOf<Promise<AliplayerConstructor>>();
    expectTypeOf<string>().toExtend<AliplayerSource>();
    expectTypeOf<AliplayerConstructor>().toExtend<AliplayerSource>();
    expectTypeOf<() => Promise<{ default: unknown }>>().toExtend<AliplayerSource>();
    expectTypeOf<{ script: string; nonce: string }>().toExtend<AliplayerSource>();
    // @ts-expect-error not a source
    loadAliplayer(42);
  });

  it('types controller events, snapshot and errors', () => {
    const controller = new PlayerController();
    const off = controller.on('timeupdate', (event) => {
      expectTypeOf(event.paramData).toEqualTypeOf<number | null | undefined>();
    });
    expectTypeOf(off).toEqualTypeOf<() => void>();
    expectTypeOf(controller.getSnapshot()).toEqualTypeOf<PlayerSnapshot>();
    expectTypeOf<PlayerSnapshot['status']>().toEqualTypeOf<PlayerStatus>();
    expectTypeOf<PlayerSnapshot['error']>().toEqualTypeOf<
      PlayerError | PlayAuthError | undefined
    >();
    expectTypeOf(
      toPlayerError({ error_code: 1, error_msg: '' }).kind,
    ).toEqualTypeOf<PlayerErrorKind>();
    // @ts-expect-error vid is managed by the controller, not an update option
    controller.update({ vid: 'x' });
  });
});
