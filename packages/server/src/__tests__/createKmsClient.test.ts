import { describe, expect, it } from 'vitest';
import { createKmsClient } from '../createKmsClient';
import { CREDS, fakeUpstream, LeakSweep, requestIdFor, vodError } from './support';

const BLOB = 'AZxY+/zTeSt0123456789abcdefghijklmnop==';
const sweep = new LeakSweep();

function kmsFor(reply: Parameters<typeof fakeUpstream>[0], maxRetries = 0) {
  const upstream = fakeUpstream(reply);
  const kms = createKmsClient({
    ...CREDS,
    endpoint: 'https://kms.test.example',
    fetch: upstream.fetch,
    maxRetries,
    retryDelayMs: () => 1,
  });
  return { kms, calls: upstream.calls };
}

const ok = {
  body: {
    RequestId: requestIdFor('kms-ok'),
    KeyId: 'key-1',
    KeyVersionId: 'v-1',
    Plaintext: 'AAECAwQFBgcICQoLDA0ODw==',
  },
};

describe('createKmsClient', () => {
  it('sends Decrypt (2016-01-20) signed with V3 on the shared transport, the blob RFC 3986 encoded', async () => {
    const { kms, calls } = kmsFor(() => ok);
    const answer = await kms.decrypt({ ciphertextBlob: BLOB });
    expect(answer).toEqual(ok.body);
    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.headers['x-acs-action']).toBe('Decrypt');
    expect(call?.headers['x-acs-version']).toBe('2016-01-20');
    expect(call?.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAI5tTestKeyId0001,/,
    );
    expect(call?.headers['x-acs-security-token']).toBe(CREDS.securityToken);
    expect(call?.url.search).toBe(
      `?CiphertextBlob=${BLOB.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D')}`,
    );
    expect(call?.url.searchParams.get('CiphertextBlob')).toBe(BLOB);
  });

  it('defaults to https://kms.<region>.aliyuncs.com and checks its options like createVodClient', () => {
    expect(createKmsClient({ ...CREDS, region: 'cn-beijing' }).endpoint).toBe(
      'https://kms.cn-beijing.aliyuncs.com',
    );
    expect(createKmsClient(CREDS).region).toBe('cn-shanghai');
    expect(() => createKmsClient({ accessKeyId: 'a' })).toThrow(/createKmsClient: no credentials/);
    expect(() => createKmsClient({ ...CREDS, endpoint: 'https://kms.x/path' })).toThrow(
      /createKmsClient: endpoint/,
    );
  });

  it('retries 503, not InvalidCiphertext; errors name Decrypt and the kms:Decrypt permission', async () => {
    const retried = kmsFor((_, i) => (i === 0 ? vodError('ServiceUnavailable', 503) : ok), 2);
    await expect(retried.kms.decrypt({ ciphertextBlob: BLOB })).resolves.toEqual(ok.body);
    expect(retried.calls).toHaveLength(2);
    const refused = kmsFor(() => vodError('InvalidCiphertext', 400), 2);
    const error = await refused.kms.decrypt({ ciphertextBlob: BLOB }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'InvalidCiphertext', status: 400, retryable: false });
    expect(refused.calls).toHaveLength(1);
    const denied = kmsFor(() => vodError('Forbidden.NoPermission', 403));
    const message = String(
      await denied.kms.decrypt({ ciphertextBlob: BLOB }).catch((e: Error) => e.message),
    );
    expect(message).toContain('Decrypt failed with Forbidden.NoPermission');
    expect(message).toContain('kms:Decrypt');
  });

  it('InvalidResponse for a 200 that is not a Decrypt answer; never echoes credentials', async () => {
    const { kms } = kmsFor(() => ({ body: { RequestId: requestIdFor('x') } }));
    const error = (await kms.decrypt({ ciphertextBlob: BLOB }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'InvalidResponse' });
    expect(error.message).toContain('a Key Management Service endpoint');
    const echo = kmsFor(() =>
      vodError(
        'SignatureDoesNotMatch',
        400,
        `bad StringToSign POST&${CREDS.accessKeyId}&${CREDS.securityToken}`,
      ),
    );
    const leaked = (await echo.kms
      .decrypt({ ciphertextBlob: BLOB })
      .catch((e: unknown) => e)) as Error;
    sweep.add('kms error', `${leaked.message}\n${leaked.stack}`);
    sweep.forbidSignaturesOf(echo.calls);
    sweep.assertClean();
  });

  it('refuses an empty or oversized blob without a call', async () => {
    const { kms, calls } = kmsFor(() => ok);
    for (const ciphertextBlob of ['', 'x'.repeat(4097)]) {
      await expect(kms.decrypt({ ciphertextBlob })).rejects.toMatchObject({
        code: 'InvalidParameter',
      });
    }
    expect(calls).toHaveLength(0);
  });
});
