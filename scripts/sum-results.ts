// Sums the Vitest JSON reports in .cache/results-*.json (every test runner `npm test` starts
// writes one there) and prints the line CI reads: "N passed, M failed". `--step-failed`: a step
// of `npm test` failed, so the run counts as failed even if no report shows a failed test.
// Run with tsx: `tsx scripts/sum-results.ts [--step-failed]`.
import { readdirSync, readFileSync } from 'node:fs';
import { sumVitestReports } from './sumVitestReports';

const dir = new URL('../.cache/', import.meta.url);
const stepFailed = process.argv.includes('--step-failed');
let files: string[] = [];
try {
  files = readdirSync(dir).filter((file) => /^results-.*\.json$/.test(file));
} catch {
  // no reports: nothing ran
}
let passed = 0;
let failed = 0;
try {
  ({ passed, failed } = sumVitestReports(
    files.map((file) => ({ file, report: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) })),
  ));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed += 1;
}
if (stepFailed && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
