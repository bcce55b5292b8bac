// The emulator accepts the official client: @alicloud/openapi-core (dev dependency only).
import * as OpenApiModule from '@alicloud/openapi-core';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { signRpcV2 } from '@playauth/vod-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_IDS } from '../catalogue';
import { decodeAuthInfo, decodePlayAuth } from '../playAuthToken';
import { startVodEmulator } from '../startVodEmulator';
import type { VodEmulator } from '../VodEmulator';

type OpenApiClient = InstanceType<typeof OpenApiModule.default>;
// A CommonJS module: depending on the loader the class is `default` or `default.default`.
const moduleDefault = OpenApiModule.default as unknown as {
  default?: typeof OpenApiModule.default;
};
const Client = (moduleDefault.default ?? OpenApiModule.default) as typeof OpenApiModule.default;

let emulator: VodEmulator;
beforeAll(async () => {
  emulator = await startVodEmulator({
    accessKeys: [
      { accessKeyId: 'core-key', accessKeySecret: 'core-secret' },
      {
        accessKeyId: 'core-sts',
        accessKeySecret: 'core-sts-secret',
        securityToken: 'sts-token/+=',
      },
    ],
  });
});
afterAll(() => emulator.close());

function client(options: {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  signatureAlgorithm?: 'v2';
}): OpenApiClient {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: options.accessKeyId ?? 'core-key',
      accessKeySecret: options.accessKeySecret ?? 'core-secret',
      securityToken: options.securityToken,
      endpoint: new URL(emulator.url).host,
      protocol: 'http',
      signatureAlgorithm: options.signatureAlgorithm,
    }),
  );
}

const params = new $OpenApiUtil.Params({
  action: 'GetVideoPlayAuth',
  version: '2017-03-21',
  protocol: 'HTTP',
  pathname: '/',
  method: 'POST',
  authType: 'AK',
  style: 'RPC',
  reqBodyType: 'formData',
  bodyType: 'json',
});

async function getVideoPlayAuth(
  c: OpenApiClient,
  query: Record<string, string>,
  body?: Record<string, string>,
) {
  const request = new $OpenApiUtil.OpenApiRequest({ query, body });
  return (await c.callApi(params, request, new $dara.RuntimeOptions({}))) as {
    statusCode: number;
    body: { RequestId: string; PlayAuth: string; VideoMeta: { VideoId: string } };
  };
}

describe('@alicloud/openapi-core against the emulator', () => {
  it.each([
    ['V3 (ACS3-HMAC-SHA256, the default)', undefined, 'v3'],
    ['V2 (HMAC-SHA1)', 'v2' as const, 'v2'],
  ])('GetVideoPlayAuth succeeds with %s', async (_name, signatureAlgorithm, recorded) => {
    const res = await getVideoPlayAuth(client({ signatureAlgorithm }), {
      VideoId: DEFAULT_VIDEO_IDS.colourBars,
      AuthInfoTimeout: '600',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.VideoMeta.VideoId).toBe(DEFAULT_VIDEO_IDS.colourBars);
    expect(decodeAuthInfo(decodePlayAuth(res.body.PlayAuth).AuthInfo).MediaId).toBe(
      DEFAULT_VIDEO_IDS.colourBars,
    );
    expect(emulator.requests.at(-1)).toMatchObject({
      action: 'GetVideoPlayAuth',
      code: 'OK',
      signatureVersion: recorded,
    });
  });

  it.each([undefined, 'v2' as const])(
    'accepts params in the form body (signatureAlgorithm %s)',
    async (alg) => {
      const res = await getVideoPlayAuth(
        client({ signatureAlgorithm: alg }),
        {},
        {
          VideoId: DEFAULT_VIDEO_IDS.testPattern,
        },
      );
      expect(res.body.VideoMeta.VideoId).toBe(DEFAULT_VIDEO_IDS.testPattern);
    },
  );

  it.each([undefined, 'v2' as const])(
    'succeeds with an STS key and its token (%s)',
    async (alg) => {
      const c = client({
        accessKeyId: 'core-sts',
        accessKeySecret: 'core-sts-secret',
        securityToken: 'sts-token/+=',
        signatureAlgorithm: alg,
      });
      const res = await getVideoPlayAuth(c, { VideoId: DEFAULT_VIDEO_IDS.testPattern });
      expect(res.statusCode).toBe(200);
    },
  );

  it.each([undefined, 'v2' as const])(
    'surfaces SignatureDoesNotMatch for a wrong secret (%s)',
    async (alg) => {
      const c = client({ accessKeySecret: 'wrong', signatureAlgorithm: alg });
      await expect(
        getVideoPlayAuth(c, { VideoId: DEFAULT_VIDEO_IDS.testPattern }),
      ).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
        statusCode: 400,
      });
    },
  );

  it('surfaces the gateway errors through its own error classes', async () => {
    await expect(
      getVideoPlayAuth(client({ accessKeyId: 'nobody' }), {
        VideoId: DEFAULT_VIDEO_IDS.testPattern,
      }),
    ).rejects.toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    await expect(
      getVideoPlayAuth(client({}), { VideoId: DEFAULT_VIDEO_IDS.blocked }),
    ).rejects.toMatchObject({
      code: 'Forbidden.IllegalStatus',
      statusCode: 403,
    });
    emulator.addFault({ action: 'GetVideoPlayAuth', code: 'Throttling.User', times: 1 });
    await expect(
      getVideoPlayAuth(client({}), { VideoId: DEFAULT_VIDEO_IDS.testPattern }),
    ).rejects.toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User' });
  });

  it('computes the same V2 signature as the emulator (signRpcV2 cross-check)', async () => {
    const signed = {
      Action: 'GetPlayInfo',
      VideoId: 'abc',
      Text: "a b*c~d+e/f 视频 ü!'()",
      Timestamp: '2026-01-05T08:00:00Z',
    };
    for (const method of ['GET', 'POST']) {
      expect(await signRpcV2(signed, 'secret', method)).toBe(
        $OpenApiUtil.default.getRPCSignature(signed, method, 'secret'),
      );
    }
  });
});
