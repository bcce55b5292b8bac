import { describe, expect, it } from 'vitest';
import { NotAVitestReportError, sumVitestReports, type VitestReport } from './sumVitestReports';

const file = (...statuses: string[]) => ({
  status: statuses.includes('failed') ? 'failed' : 'passed',
  assertionResults: statuses.map((status) => ({ status })),
});
const report = (...testResults: VitestReport['testResults']): VitestReport => ({
  success: testResults.every((f) => f.status !== 'failed'),
  testResults,
});

describe('sumVitestReports', () => {
  it('counts passed and failed tests across reports, test by test', () => {
    const sums = sumVitestReports([
      { file: 'results-vitest.json', report: report(file('passed', 'passed'), file('failed')) },
      { file: 'results-e2e.json', report: report(file('passed', 'skipped', 'todo')) },
    ]);
    expect(sums).toEqual({ passed: 3, failed: 1 });
  });

  it('counts a test file that failed to load as one failure', () => {
    const broken = { status: 'failed', assertionResults: [] };
    expect(sumVitestReports([{ file: 'r.json', report: report(file('passed'), broken) }])).toEqual({
      passed: 1,
      failed: 1,
    });
  });

  it('counts an unsuccessful report without a failed test as one failure', () => {
    const unsuccessful = { ...report(file('passed')), success: false };
    expect(sumVitestReports([{ file: 'r.json', report: unsuccessful }])).toEqual({
      passed: 1,
      failed: 1,
    });
  });

  it('rejects a hand-written summary that is not a Vitest report', () => {
    const handWritten = { numPassedTests: 12, numFailedTests: 0, success: true };
    expect(() => sumVitestReports([{ file: 'results-bench.json', report: handWritten }])).toThrow(
      NotAVitestReportError,
    );
    expect(() => sumVitestReports([{ file: 'results-bench.json', report: null }])).toThrow(
      /results-bench\.json is not a Vitest JSON report/,
    );
  });
});
