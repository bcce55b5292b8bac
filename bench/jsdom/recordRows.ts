import { mkdirSync, writeFileSync } from 'node:fs';
import type { FigureRow } from '../FigureRow';

/**
 * Hands the rows of one figure file to bench/run.ts (through `BENCH_OUT_DIR`), which merges
 * them into the results. Outside the runner (a developer running the file alone) it prints them.
 */
export function recordRows(name: string, rows: FigureRow[]): void {
  const dir = process.env.BENCH_OUT_DIR;
  if (!dir) {
    console.table(
      rows.map(({ id, ours, baseline, unit, target, pass }) => ({
        id,
        ours,
        baseline,
        unit,
        target,
        pass,
      })),
    );
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}.json`, JSON.stringify(rows));
}
