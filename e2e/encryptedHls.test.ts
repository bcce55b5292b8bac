import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import {
  createHlsDecryptHandler,
  createKmsClient,
  createPlayAuthHandler,
  createVodClient,
  type NodeHandler,
  toNodeHandler,
} from '@playauth/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupE2eSession } from './setupE2eSession';
import { expectAdvancing, playerStatus } from './videoPolling';

// HLS standard encryption end to end on the real Aliplayer SDK in Chromium: the emulator's
// AES-128 video, the real token service (createPlayAuthHandler({ hlsEncryption })) and the real
// decryption service (createHlsDecryptHandler, KMS Decrypt on the emulator). <VodPlayer> gets the
// MtsHlsUriToken with the PlayAuth and hands it to the SDK as playConfig.MtsHlsUriToken.

const { encrypted } = DEFAULT_VIDEO_IDS;
const SECRET = 'e2e-hls-token-secret-0123456789abcdef';
const FILE_ORIGINS = { origin: ['null', 'file://'] };
const session = setupE2eSession({ renditions: true }, { hlsEncryption: { secret: SECRET } });

/** Moves the decryption service's clock (not the emulator's): `+1 h` makes every token expired. */
let decryptSkewMs = 0;
const servers: Server[] = [];
/** A PlayAuth endpoint without the token service (credentials without a token). */
let plainEndpoint: string;

async function listen(handler: NodeHandler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const { emulator } = session.backend;
  const keys = {
    endpoint: emulator.url,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  };
  const decrypt = createHlsDecryptHandler({
    kms: createKmsClient(keys),
    secret: SECRET,
    authorize: () => true,
    cors: FILE_ORIGINS,
    now: () => session.clock.now() + decryptSkewMs,
  });
  emulator.setDecryptServiceUrl(`${await listen(toNodeHandler(decrypt))}/api/hls-key`);
  const plain = createPlayAuthHandler({
    client: createVodClient(keys),
    authorize: () => true,
    cors: FILE_ORIGINS,
  });
  plainEndpoint = `${await listen(toNodeHandler(plain))}/play-auth`;
});
afterAll(async () => {
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});
beforeEach(() => {
  decryptSkewMs = 0;
});

/** The decryption service's answers so far (the emulator logs what it signs, not the key server). */
function keyAnswers(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/hls-key'))
      .map((entry) => (entry as PerformanceResourceTiming).responseStatus),
  );
}

async function expectKeyAlert(page: Page) {
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toMatch(/video could not be decrypted/i);
  expect(await alert.getAttribute('data-playauth-error')).toBe('key');
  expect(await alert.getAttribute('data-code')).toBe('KeyRefused');
  return alert;
}

describe('VodPlayer playing an encrypted HLS video with the real Aliplayer SDK', () => {
  it('plays with the token from the same credential request', async () => {
    const before = session.backend.credentialRequests.length;
    const { page } = await session.open({ videoId: encrypted });
    await expectAdvancing(page, 0.5);
    expect(await playerStatus(page)).toBe('playing');
    expect(session.backend.credentialRequests.length - before).toBe(1);
    expect(await keyAnswers(page)).toContain(200);
    // The playlist the SDK played is the encrypted one (Encrypt 1), with the token passed through.
    const playlist = session.backend.emulator.requests.find(
      (request) => request.action === 'media' && request.path.includes(`/${encrypted}/`),
    );
    expect(playlist?.status).toBe(200);
  });

  it('fails cleanly without a token: a typed "key" error state', async () => {
    const { page } = await session.open({ videoId: encrypted, endpoint: plainEndpoint });
    await expectKeyAlert(page);
    expect((await keyAnswers(page)).every((status) => status >= 400)).toBe(true);
    expect(await playerStatus(page)).toBe('error');
  });

  it('fails cleanly with an expired token, and the retry plays with a fresh credential and token', async () => {
    decryptSkewMs = 3_600_000;
    const before = session.backend.credentialRequests.length;
    const { page } = await session.open({ videoId: encrypted });
    const alert = await expectKeyAlert(page);
    expect(session.backend.credentialRequests.length - before).toBe(1);

    decryptSkewMs = 0;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expectAdvancing(page, 0.5);
    await expect.poll(() => playerStatus(page), { timeout: 10_000 }).toBe('playing');
    // The retry fetched a new credential (a new token), not the cached one.
    expect(session.backend.credentialRequests.length - before).toBe(2);
    expect(await keyAnswers(page)).toContain(200);
  });
});
