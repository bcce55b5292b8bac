import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FigureRow, ratioOf } from './FigureRow';
import type { MachineInfo } from './machineInfo';

/** Everything one `npm run bench` run produced. */
export interface BenchResults {
  machine: MachineInfo;
  rows: FigureRow[];
  /** Wall time of the whole run, seconds. */
  durationS: number;
}

const fmt = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '–';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
};

const verdict = (pass: boolean | null): string =>
  pass === null ? 'info' : pass ? 'pass' : '**FAIL**';

/** The Markdown table plus the machine it ran on. */
export function toMarkdown(results: BenchResults): string {
  const { machine } = results;
  const lines = [
    '# playauth benchmarks',
    '',
    `Measured ${machine.date.slice(0, 10)} on ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, ` +
      `${machine.chromium}, ${machine.platform}; run took ${Math.round(results.durationS)} s. ` +
      'Timings are ratios against a baseline measured in the same run; see bench/README.md for the method.',
    '',
    '| # | figure | ours | baseline | ratio | unit | target | result |',
    '|---|---|---|---|---|---|---|---|',
  ];
  // A `|` inside a cell (e.g. `|resumed − trigger|`) would end the cell: escape it.
  const cell = (text: string) => text.replaceAll('|', '\\|');
  for (const r of results.rows) {
    const ratio = ratioOf(r);
    lines.push(
      `| ${r.id} | ${cell(r.figure)} | ${fmt(r.ours)} | ${fmt(r.baseline)} | ${ratio === null ? '–' : ratio.toFixed(2)} | ${r.unit} | ${r.target || '–'} | ${verdict(r.pass)} |`,
    );
  }
  const notes = results.rows.filter((r) => r.note);
  if (notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const r of notes) lines.push(`- **${r.id}**: ${r.note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `results.md` and `results.json` into `dir`. */
export function writeResults(dir: string, results: BenchResults): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const md = join(dir, 'results.md');
  const json = join(dir, 'results.json');
  writeFileSync(md, toMarkdown(results));
  const rows = results.rows.map((r) => ({ ...r, ratio: ratioOf(r) }));
  writeFileSync(json, `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
  return { md, json };
}
