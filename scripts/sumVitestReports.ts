/** The part of a Vitest JSON report (`--reporter=json`) that CI counts. */
export interface VitestReport {
  success: boolean;
  testResults: {
    /** `'failed'` also when the file did not load. */
    status: string;
    assertionResults: { status: string }[];
  }[];
}

/**
 * Thrown for a report file that is not Vitest's JSON reporter output (for example a hand-written
 * `{ numPassedTests }`): CI counts only what a test runner itself reported.
 */
export class NotAVitestReportError extends Error {
  constructor(
    /** The report's file name. */
    readonly file: string,
  ) {
    super(
      `${file} is not a Vitest JSON report (no testResults[].assertionResults): write it with ` +
        '`vitest run --reporter=json --outputFile.json=.cache/results-<name>.json`',
    );
    this.name = 'NotAVitestReportError';
  }
}

/**
 * Sums Vitest JSON reports test by test (`testResults[].assertionResults[].status`), not from
 * their totals. A test file that failed without a failed test in it (it did not load, a type
 * error in typecheck mode) and a report with `success: false` and no failed test each count as
 * one failure, so a red run never sums to "0 failed". Skipped and todo tests count as neither.
 *
 * @throws {NotAVitestReportError} for a report without Vitest's shape.
 * @example
 * sumVitestReports([{ file: 'results-vitest.json', report: JSON.parse(text) }]);
 * // { passed: 1233, failed: 0 }
 */
export function sumVitestReports(reports: { file: string; report: unknown }[]): {
  passed: number;
  failed: number;
} {
  let passed = 0;
  let failed = 0;
  for (const { file, report } of reports) {
    if (!isVitestReport(report)) throw new NotAVitestReportError(file);
    let failedInReport = 0;
    for (const testFile of report.testResults) {
      let failedInFile = 0;
      for (const test of testFile.assertionResults) {
        if (test.status === 'passed') passed += 1;
        else if (test.status === 'failed') failedInFile += 1;
      }
      if (testFile.status === 'failed' && failedInFile === 0) failedInFile = 1;
      failedInReport += failedInFile;
    }
    if (!report.success && failedInReport === 0) failedInReport = 1;
    failed += failedInReport;
  }
  return { passed, failed };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isVitestReport(report: unknown): report is VitestReport {
  return (
    isObject(report) &&
    typeof report.success === 'boolean' &&
    Array.isArray(report.testResults) &&
    report.testResults.every(
      (testFile) =>
        isObject(testFile) &&
        typeof testFile.status === 'string' &&
        Array.isArray(testFile.assertionResults) &&
        testFile.assertionResults.every(
          (test) => isObject(test) && typeof test.status === 'string',
        ),
    )
  );
}
