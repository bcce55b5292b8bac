import type { Aliplayer, AliplayerEvent, PlayAuthCredential } from '@playauth/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRef } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type { VodPlayerMessages } from '../messages';
import type { PlayAuthFetcher, PlayAuthOptions } from '../playAuthQueryOptions';
import { VodPlayer, type VodPlayerHandle, type VodPlayerProps } from '../VodPlayer';
import type { VodPlayerErrorKind } from '../VodPlayerError';

describe('VodPlayerProps', () => {
  it('requires videoId and types the rest', () => {
    expectTypeOf<VodPlayerProps['videoId']>().toEqualTypeOf<string>();
    expectTypeOf<VodPlayerProps['load']>().toEqualTypeOf<
      'eager' | 'visible' | 'interaction' | undefined
    >();
    expectTypeOf<VodPlayerProps['license']>().toEqualTypeOf<
      { domain: string; key: string } | undefined
    >();
    expectTypeOf<VodPlayerProps['messages']>().toEqualTypeOf<
      Partial<VodPlayerMessages> | undefined
    >();
    // @ts-expect-error videoId is required
    void (<VodPlayer />);
    // @ts-expect-error load is a closed set
    void (<VodPlayer videoId="v" load="idle" />);
    // @ts-expect-error managed options stay typed: autoplay is a boolean
    void (<VodPlayer videoId="v" options={{ autoplay: 'yes' }} />);
  });

  it('takes every credential option, as the provider and the hook do', () => {
    expectTypeOf<VodPlayerProps>().toExtend<PlayAuthOptions>();
    expectTypeOf<VodPlayerProps['fetcher']>().toEqualTypeOf<PlayAuthFetcher | undefined>();
    expectTypeOf<VodPlayerProps['queryClient']>().toEqualTypeOf<QueryClient | undefined>();
    void (
      <VodPlayer
        videoId="v"
        endpoint="/api/play-auth"
        headers={async () => ({ authorization: 'Bearer t' })}
        credentials="include"
        refreshMargin={(validityMs) => validityMs / 5}
        timeoutMs={5_000}
      />
    );
    // @ts-expect-error headers are a HeadersInit or a function returning one
    void (<VodPlayer videoId="v" headers={42} />);
  });

  it('types event callbacks from the SDK event map', () => {
    void (
      <VodPlayer
        videoId="v"
        onTimeUpdate={(event) => expectTypeOf(event).toEqualTypeOf<AliplayerEvent<'timeupdate'>>()}
        onEnded={(event) => expectTypeOf(event.type).toEqualTypeOf<'ended'>()}
        onCredentialRenewed={(credential) =>
          expectTypeOf(credential).toEqualTypeOf<PlayAuthCredential>()
        }
        onError={(error) => expectTypeOf(error).toEqualTypeOf<Error>()}
        renderError={(state) => {
          expectTypeOf(state.kind).toEqualTypeOf<VodPlayerErrorKind>();
          expectTypeOf(state.retry).toEqualTypeOf<() => void>();
          return null;
        }}
      />
    );
  });
});

describe('VodPlayerHandle', () => {
  it('is what a ref gets', () => {
    const ref = createRef<VodPlayerHandle>();
    void (<VodPlayer ref={ref} videoId="v" />);
    expectTypeOf<VodPlayerHandle['player']>().toEqualTypeOf<Aliplayer | undefined>();
    expectTypeOf<VodPlayerHandle['renew']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<VodPlayerHandle['seek']>().parameters.toEqualTypeOf<[seconds: number]>();
    expectTypeOf<VodPlayerHandle['getCurrentTime']>().returns.toEqualTypeOf<number>();
    const wrong = createRef<HTMLDivElement>();
    // @ts-expect-error the ref is the handle, not the DOM element
    void (<VodPlayer ref={wrong} videoId="v" />);
  });
});
