/**
 * `npm run bench`: all eight figures, results in bench/results/. The counted invariants among
 * them (credential requests, upstream calls per hour, coalescing, leak counts) are also ordinary
 * tests, run by `npm test` as the `invariants` Vitest project with the same measuring functions.
 * See bench/README.md for what each figure measures and how.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/harness';
import { benchPaths } from './benchPaths';
import { buildBenchPage } from './browser/buildBenchPage';
import { type FigureRow, failedRow } from './FigureRow';
import { measureBrowserCycles } from './figures/measureBrowserCycles';
import { measureBundleSize } from './figures/measureBundleSize';
import { measureFleet } from './figures/measureFleet';
import { measureHandlerLoad } from './figures/measureHandlerLoad';
import { measureRenewal } from './figures/measureRenewal';
import { measureTimeToPlaying } from './figures/measureTimeToPlaying';
import { machineInfo } from './machineInfo';
import { runJsdomFigures } from './runJsdomFigures';
import { toMarkdown, writeResults } from './writeResults';

const started = performance.now();

/**
 * `npm run bench -- --only 6` (or `--only 4,6`): runs only the figures with these numbers;
 * `--only 6e` only figure 6's browser half, `--only 6a` its jsdom half (with figures 2 and 3,
 * one Vitest run). Such a partial run prints its rows and leaves the results files alone.
 */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? undefined : new Set((process.argv[onlyAt + 1] ?? '').split(','));
const wanted = (...figures: string[]) => !only || figures.some((figure) => only.has(figure));
const log = (message: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`,
  );

async function step(
  name: string,
  id: string,
  target: string,
  run: () => Promise<FigureRow[]>,
  figures = [id],
) {
  if (!wanted(...figures)) return [];
  log(`${name}...`);
  try {
    return await run();
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return [failedRow(id, name, target, error)];
  }
}

async function browserFigures(): Promise<FigureRow[]> {
  const pageUrl = await buildBenchPage();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const open = browser;
    return [
      ...(await step('4 time to first playing (Chromium)', '4', 'ratio <= 0.7', () =>
        measureTimeToPlaying(open, pageUrl, 9),
      )),
      ...(await step('5 renewal (Chromium)', '5', '< 1000 ms', () =>
        measureRenewal(open, pageUrl, 5),
      )),
      ...(await step(
        '6 mount/unmount cycles (Chromium)',
        '6e',
        '0',
        () => measureBrowserCycles(open, pageUrl, 50),
        ['6', '6e'],
      )),
    ];
  } finally {
    await browser?.close();
  }
}

const rows: FigureRow[] = [];
rows.push(...(await step('1 bundle size', '1', '<= 2.5 KB', measureBundleSize)));
rows.push(
  ...(await step('2, 3, 6 jsdom figures', '2', '', runJsdomFigures, ['2', '3', '6', '6a'])),
);
rows.push(...(await step('7 handler under load', '7', '<= 20', measureHandlerLoad)));
rows.push(...(await step('8 credential backend as a fleet', '8', '<= 20', measureFleet)));
rows.push(...(await step('4-6 browser figures', '4', '', browserFigures, ['4', '5', '6', '6e'])));
rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

const results = {
  machine: machineInfo(),
  rows,
  durationS: (performance.now() - started) / 1000,
};
process.stdout.write(toMarkdown(results));
// A partial run (--only) prints its rows and leaves the results files of the full run alone.
if (only) log('--only: results files not written');
else {
  const written = writeResults(benchPaths.results, results);
  log(`wrote ${written.md} and ${written.json}`);
}
