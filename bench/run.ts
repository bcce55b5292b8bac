/**
 * `npm run bench`: all seven figures, results in bench/results/. The counted invariants among
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
import { measureHandlerLoad } from './figures/measureHandlerLoad';
import { measureRenewal } from './figures/measureRenewal';
import { measureTimeToPlaying } from './figures/measureTimeToPlaying';
import { machineInfo } from './machineInfo';
import { runJsdomFigures } from './runJsdomFigures';
import { toMarkdown, writeResults } from './writeResults';

const started = performance.now();
const log = (message: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`,
  );

async function step(name: string, id: string, target: string, run: () => Promise<FigureRow[]>) {
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
      ...(await step('6 mount/unmount cycles (Chromium)', '6e', '0', () =>
        measureBrowserCycles(open, pageUrl, 50),
      )),
    ];
  } finally {
    await browser?.close();
  }
}

const rows: FigureRow[] = [];
rows.push(...(await step('1 bundle size', '1', '<= 2.5 KB', measureBundleSize)));
rows.push(...(await step('2, 3, 6 jsdom figures', '2', '', runJsdomFigures)));
rows.push(...(await step('7 handler under load', '7', '<= 20', measureHandlerLoad)));
rows.push(...(await step('4-6 browser figures', '4', '', browserFigures)));
rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

const results = {
  machine: machineInfo(),
  rows,
  durationS: (performance.now() - started) / 1000,
};
const written = writeResults(benchPaths.results, results);
process.stdout.write(toMarkdown(results));
log(`wrote ${written.md} and ${written.json}`);
