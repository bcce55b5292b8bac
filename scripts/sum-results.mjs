#!/usr/bin/env node
// Sums the JSON reports the test runners wrote to .cache/results-*.json and prints the line
// CI reads: "N passed, M failed". A runner that failed without counting a failed test (a crash,
// a type error in typecheck mode) counts as one failure, so a red run never prints "0 failed".
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../.cache/', import.meta.url);
const stepFailed = process.argv.includes('--step-failed');
let passed = 0;
let failed = 0;
let files = [];
try {
  files = readdirSync(dir).filter((f) => /^results-.*\.json$/.test(f));
} catch {
  // no reports: nothing ran
}
for (const file of files) {
  const report = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  passed += report.numPassedTests ?? 0;
  const failedTests = report.numFailedTests ?? 0;
  failed += failedTests;
  if (report.success === false && failedTests === 0) failed += 1;
}
if (stepFailed && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
