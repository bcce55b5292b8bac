import { DEFAULT_VIDEO_IDS } from '@playauth/emulator';
import type { Browser } from 'playwright-core';
import { type Backend, startBackend } from '../../e2e/harness';
import type { MediaEvent } from '../../e2e/page/PageApi';
import { openBenchPage } from '../browser/openBenchPage';
import { startSdkServer } from '../browser/startSdkServer';
import { type FigureRow, failedRow, row } from '../FigureRow';
import { median } from '../runLoad';

interface RenewalSample {
  /** Trigger to playing again at the kept position, ms. */
  resumeMs: number;
  /** |position playing resumed at − position at the trigger|, s. */
  positionError: number;
  credentialRequests: number;
}

type Format = 'mp4' | 'hls';

/** Row ids and label per format: MP4 keeps the figure's original ids. */
const FORMATS: Record<Format, { ids: [string, string]; label: string }> = {
  mp4: { ids: ['5a', '5b'], label: 'MP4' },
  hls: { ids: ['5c', '5d'], label: 'HLS' },
};

/**
 * Figure 5: renewal on the real SDK in Chromium, on MP4 and on HLS (the emulator's renditions:
 * the LD stream of each format), alternating which goes first in each run. After ~2.5 s of
 * playback the cached credential is made stale and the SDK's play-URL-expiry warning
 * (`authkeyexpired`, which the SDK fires 7000 s after loading, 200 s before the URL dies) is
 * fired through the SDK's own `trigger`. Measured from the trigger: a fresh credential is fetched
 * (real handler and emulator), `replayByVidAndPlayAuth`, the seek back, until the `<video>` plays
 * again at the kept position. Medians over `runs` fresh pages per format.
 */
export async function measureRenewal(
  browser: Browser,
  pageUrl: string,
  runs: number,
): Promise<FigureRow[]> {
  const backend = await startBackend({ renditions: true });
  const sdk = await startSdkServer();
  const samples: Record<Format, RenewalSample[]> = { mp4: [], hls: [] };
  const problems: Record<Format, string[]> = { mp4: [], hls: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const order: Format[] = run % 2 ? ['hls', 'mp4'] : ['mp4', 'hls'];
      for (const format of order) {
        const sample = await renewalRun(browser, pageUrl, backend, sdk.base, format, (problem) =>
          problems[format].push(`run ${run}: ${problem}`),
        );
        if (sample) samples[format].push(sample);
      }
    }
  } finally {
    await sdk.close();
    await backend.close();
  }
  return (['mp4', 'hls'] as const).flatMap((format) =>
    renewalRows(format, samples[format], problems[format]),
  );
}

/** One fresh page: play ~2.5 s, stale credential + `authkeyexpired`, wait for playing again. */
async function renewalRun(
  browser: Browser,
  pageUrl: string,
  backend: Backend,
  sdk: string,
  format: Format,
  problem: (text: string) => void,
): Promise<RenewalSample | undefined> {
  const bench = await openBenchPage(browser, pageUrl);
  try {
    const started = await bench.mount({
      mode: 'ours',
      endpoint: backend.endpoint,
      vod: backend.customVodServer,
      sdk,
      videoId: DEFAULT_VIDEO_IDS.testPattern,
      loop: true,
      format,
    });
    if ((await bench.playingAfter(started, 30_000)) === null) {
      problem('the player never played');
      return undefined;
    }
    await bench.page.waitForTimeout(2500);
    const before = backend.credentialRequests.length;
    const trigger = await bench.page.evaluate(() => {
      const api = window.playauthPage;
      if (!api) return null;
      api.expireCredentials();
      const at = performance.now();
      const position = api.position();
      return api.triggerPlayerEvent('authkeyexpired') ? { at, position } : null;
    });
    if (!trigger) {
      problem('the SDK player has no trigger()');
      return undefined;
    }
    let resumed: { at: number; position: number } | null = null;
    for (let waited = 0; !resumed && waited < 15_000; waited += 100) {
      await bench.page.waitForTimeout(100);
      const events = await bench.page.evaluate(() => window.playauthPage?.mediaEvents ?? []);
      resumed = resumePoint(events, trigger.at);
    }
    for (const error of bench.pageErrors) problem(`page error: ${error.message}`);
    if (!resumed) {
      problem('no resumed playback within 15 s');
      return undefined;
    }
    return {
      resumeMs: resumed.at - trigger.at,
      positionError: Math.abs(resumed.position - trigger.position),
      credentialRequests: backend.credentialRequests.length - before,
    };
  } finally {
    await bench.close();
  }
}

function renewalRows(format: Format, samples: RenewalSample[], problems: string[]): FigureRow[] {
  const { ids, label } = FORMATS[format];
  const [resumeId, errorId] = ids;
  if (samples.length === 0) {
    const reason = new Error([...new Set(problems)].join('; ') || 'no sample');
    return [
      failedRow(resumeId, `Renewal (${label}): trigger to playing again`, '< 1000 ms', reason),
      failedRow(errorId, `Renewal (${label}): position error`, '< 0.5 s', reason),
    ];
  }
  const fetched = samples.filter((s) => s.credentialRequests > 0).length;
  const note = [
    `${samples.length} runs; ${fetched} fetched a fresh credential from the handler`,
    ...new Set(problems),
  ].join('; ');
  return [
    row({
      id: resumeId,
      figure: `Renewal (real SDK, Chromium, ${label}): \`authkeyexpired\` to playing again at the kept position`,
      ours: Math.round(median(samples.map((s) => s.resumeMs))),
      unit: 'ms',
      target: '< 1000',
      check: (v) => v < 1000,
      note,
    }),
    row({
      id: errorId,
      figure: `Renewal (${label}): position error (|resumed − position at trigger|, median)`,
      ours: Math.round(median(samples.map((s) => s.positionError)) * 1000) / 1000,
      unit: 's',
      target: '< 0.5',
      check: (v) => v < 0.5,
      note: `max ${Math.max(...samples.map((s) => s.positionError)).toFixed(3)} s`,
    }),
  ];
}

/**
 * When playback resumed after the trigger: the first `playing`/`timeupdate` after the first
 * `seeked` that follows the trigger (the controller seeks back after `replayByVidAndPlayAuth`
 * restarts at 0), with the position it resumed at.
 */
function resumePoint(events: MediaEvent[], since: number): { at: number; position: number } | null {
  const after = events.filter((event) => event.at >= since);
  const seeked = after.findIndex((event) => event.type === 'seeked');
  if (seeked < 0) return null;
  const seekedEvent = after[seeked];
  const resumed = after
    .slice(seeked + 1)
    .find((event) => event.type === 'playing' || event.type === 'timeupdate');
  if (!seekedEvent || !resumed) return null;
  return { at: resumed.at, position: seekedEvent.position };
}
