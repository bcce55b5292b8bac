/**
 * One line of the results table. A figure may have several rows (e.g. one per AuthInfoTimeout).
 * `ours` and `baseline` are measured in the same run; `ratio` is ours / baseline when both exist.
 */
export interface FigureRow {
  /** Figure number and variant, e.g. `'2a'`. */
  id: string;
  /** What is measured, in words. */
  figure: string;
  ours: number | null;
  baseline?: number | null;
  /** Unit of `ours` and `baseline` (`'B gzip'`, `'calls/h'`, `'ms'`...). */
  unit: string;
  /** The target in words, e.g. `'<= 2'`; empty when the row is informative only. */
  target: string;
  /** `null` for informative rows (no target). */
  pass: boolean | null;
  /** Counted invariant (also a test in bench/invariants, run by `npm test`) rather than a timing. */
  invariant?: boolean;
  /** How it was measured, or why it missed. */
  note?: string;
}

/** Builds a row with `ratio`-ready fields and a pass/fail computed from `check`. */
export function row(
  fields: Omit<FigureRow, 'pass'> & { check?: (ours: number, baseline?: number | null) => boolean },
): FigureRow {
  const { check, ...rest } = fields;
  const pass = check && rest.ours !== null ? check(rest.ours, rest.baseline) : null;
  return { ...rest, pass };
}

/** ours / baseline, or null when either is missing or the baseline is 0. */
export function ratioOf(entry: FigureRow): number | null {
  if (entry.ours === null || entry.baseline == null || entry.baseline === 0) return null;
  return entry.ours / entry.baseline;
}

/** A row for a figure that could not be measured (missing package, no browser...). */
export function failedRow(id: string, figure: string, target: string, error: unknown): FigureRow {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id,
    figure,
    ours: null,
    unit: '',
    target,
    pass: target ? false : null,
    note: `not measured: ${message.split('\n')[0]}`,
  };
}
