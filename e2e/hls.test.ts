import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2eSession } from './setupE2eSession';
import { expectAdvancing, playerStatus, positionAfterRenewal } from './videoPolling';

// <VodPlayer format="hls"> on the real Aliplayer SDK in Chromium, with its self-hosted HLS module
// (build/hls/...): the emulator serves every video as MP4 and HLS in LD and SD, playlists and
// segments signed with CDN type A `auth_key` on the emulator's clock.

const { testPattern } = DEFAULT_VIDEO_IDS;
const session = setupE2eSession({ renditions: true });

/** Media paths the emulator served (oldest first), with their HTTP status. */
function mediaRequests(): Array<{ path: string; status: number }> {
  return session.backend.emulator.requests
    .filter((request) => request.action === 'media')
    .map(({ path, status }) => ({ path, status }));
}

function handleCall<T>(page: Page, call: string, arg?: string): Promise<T> {
  return page.evaluate(
    ([name, value]) => {
      const handle = window.playauthPage?.handle() as unknown as Record<
        string,
        (argument?: string) => unknown
      > | null;
      if (!handle) throw new Error('no VodPlayer handle');
      return handle[name as string]?.(value) as T;
    },
    [call, arg] as const,
  );
}

const position = (page: Page) => handleCall<number>(page, 'getCurrentTime');

/** `FakeAliplayer#playInfo` of the page's player (`fake` query). */
function fakePlayInfo(page: Page) {
  return page.evaluate(
    () =>
      (
        window.playauthPage?.handle()?.player as
          | { playInfo?: { played?: { format: string } } & Record<string, unknown> }
          | undefined
      )?.playInfo,
  );
}

describe('VodPlayer playing HLS with the real Aliplayer SDK', () => {
  it('plays HLS through the SDK HLS module and lists the definitions', async () => {
    const { page, requests } = await session.open({ videoId: testPattern, format: 'hls' });
    await expectAdvancing(page, 0.5);
    expect(await playerStatus(page)).toBe('playing');
    const served = mediaRequests().map((request) => request.path);
    expect(served.some((path) => /\/LD\/index\.m3u8$/.test(path))).toBe(true);
    expect(served.some((path) => /\/LD\/seg-\d{3}\.ts$/.test(path))).toBe(true);
    expect(served.some((path) => path.endsWith('.mp4'))).toBe(false);
    // The SDK's HLS module came from the self-hosted build, not a CDN.
    expect(requests.some((url) => /\/build\/hls\/aliplayer-hls2?-min\.js$/.test(url))).toBe(true);
    expect(await handleCall(page, 'getDefinitions')).toEqual(['LD', 'SD']);
    expect(await handleCall(page, 'getDefinition')).toBe('LD');
  });

  it('FakeAliplayer plays HLS natively where Chromium can, and says so', async () => {
    const { page } = await session.open({ videoId: testPattern, format: 'hls', fake: true });
    await expectAdvancing(page, 0.5);
    const native = await page.evaluate(
      () => document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '',
    );
    const info = await fakePlayInfo(page);
    expect(info).toMatchObject({ format: 'm3u8', definition: 'LD' });
    // Without native HLS it plays (and names) the MP4 twin instead.
    expect(info?.played?.format).toBe(native ? undefined : 'mp4');
  });

  it('FakeAliplayer with hlsPlayback "mp4" plays the MP4 of the HLS definition, says so, and switches', async () => {
    const { page } = await session.open({ videoId: testPattern, format: 'hls', fake: 'mp4' });
    await expectAdvancing(page, 0.5);
    expect(await fakePlayInfo(page)).toMatchObject({
      url: expect.stringMatching(/\/LD\/index\.m3u8\?auth_key=/),
      format: 'm3u8',
      definition: 'LD',
      played: { url: expect.stringMatching(/\/LD\/video\.mp4\?auth_key=/), format: 'mp4' },
    });
    expect(await handleCall(page, 'getDefinitions')).toEqual(['LD', 'SD']);
    const before = await position(page);
    await handleCall(page, 'setDefinition', 'SD');
    expect(Math.abs((await position(page)) - before)).toBeLessThan(1);
    expect(await fakePlayInfo(page)).toMatchObject({ definition: 'SD', played: { format: 'mp4' } });
    await expectAdvancing(page, before);
  });

  it('switches the definition keeping the position within 1 s', async () => {
    const { page } = await session.open({
      videoId: testPattern,
      format: 'hls',
      definition: 'LD',
      loop: true,
    });
    await expectAdvancing(page, 1.5);
    const before = await position(page);
    await handleCall(page, 'setDefinition', 'SD');
    const after = await position(page);
    expect(Math.abs(after - before)).toBeLessThan(1);
    expect(await handleCall(page, 'getDefinition')).toBe('SD');
    await expectAdvancing(page, after);
    const served = mediaRequests();
    expect(served.some((r) => /\/SD\/index\.m3u8$/.test(r.path) && r.status === 200)).toBe(true);
    expect(served.some((r) => /\/SD\/seg-\d{3}\.ts$/.test(r.path) && r.status < 300)).toBe(true);
    const events = await page.evaluate(() => window.playauthPage?.events ?? []);
    expect(events.filter((event) => event.type === 'definitionChange')).toMatchObject([
      { detail: 'SD' },
    ]);
  });

  it('renews on the SDK expiry warning after the auth_key expired during HLS playback, keeping the position within 1 s and a switched definition', async () => {
    // Play URLs (and so every segment URI of the playlist) valid 30 s of the emulator's clock.
    const { page } = await session.open({
      videoId: testPattern,
      format: 'hls',
      definition: 'LD',
      loop: true,
      authTimeout: '30',
    });
    await expectAdvancing(page, 0.5);
    await handleCall(page, 'setDefinition', 'SD');
    await expectAdvancing(page, 1.5);

    session.clock.advance(60_000);
    const signed = await page.evaluate(() => {
      const player = window.playauthPage?.handle()?.player as
        | { getOptions?: () => { source?: string } }
        | undefined;
      return player?.getOptions?.().source ?? '';
    });
    expect(signed).toMatch(/\/SD\/index\.m3u8\?auth_key=/);
    expect((await fetch(signed)).status).toBe(403);

    const served = mediaRequests().length;
    // What the SDK fires 200 s before its play URL dies, through the SDK's own `trigger`.
    const before = await page.evaluate(() => {
      const player = window.playauthPage?.handle()?.player as
        | { trigger?: (name: string) => void }
        | undefined;
      const at = window.playauthPage?.getCurrentTime() ?? Number.NaN;
      player?.trigger?.('authkeyexpired');
      return at;
    });
    const firstUpdateAfterRenewal = () => positionAfterRenewal(page);
    await expect.poll(firstUpdateAfterRenewal, { timeout: 10_000 }).toBeDefined();
    expect(Math.abs(((await firstUpdateAfterRenewal()) ?? Number.NaN) - before)).toBeLessThan(1);
    await expectAdvancing(page, before);
    await expect.poll(() => playerStatus(page), { timeout: 10_000 }).toBe('playing');
    const renewed = mediaRequests().slice(served);
    expect(renewed.some((r) => /\/SD\/index\.m3u8$/.test(r.path) && r.status === 200)).toBe(true);
    expect(await handleCall(page, 'getDefinition')).toBe('SD');
  });
});
