import { describe, expect, it } from 'vitest';
import { type FigureRow, failedRow, row } from './FigureRow';
import type { MachineInfo } from './machineInfo';
import { toMarkdown } from './writeResults';

const machine = {
  date: '2026-11-28T00:00:00.000Z',
  nproc: 2,
  cpu: 'Test CPU',
  node: 'v20.0.0',
  chromium: 'Chromium 1',
  platform: 'linux x64',
} as MachineInfo;

const tableRows = (markdown: string) => markdown.split('\n').filter((line) => /^\| \d/.test(line));

/** Splits a Markdown table row into cells the way a renderer does (`\|` stays in the cell). */
const cells = (line: string) =>
  line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

/** The Markdown of a full run with these rows. */
const markdownOf = (rows: FigureRow[]) => toMarkdown({ machine, durationS: 1, rows });

describe('toMarkdown', () => {
  it('keeps every row at eight cells when a figure contains a pipe', () => {
    const markdown = markdownOf([
      row({
        id: '5b',
        figure: 'position error (|resumed − trigger|, median)',
        ours: 0.015,
        unit: 's',
        target: '< 0.5',
        check: (v) => v < 0.5,
      }),
      row({ id: '1a', figure: 'size', ours: 2498, unit: 'B gzip', target: '<= 2500' }),
    ]);
    const [pipeRow, plainRow] = tableRows(markdown);
    expect(cells(pipeRow as string)).toEqual([
      '5b',
      'position error (\\|resumed − trigger\\|, median)',
      '0.0150',
      '–',
      '–',
      's',
      '< 0.5',
      'pass',
    ]);
    expect(cells(plainRow as string)).toHaveLength(8);
  });

  it('marks a missed target and an unmeasured figure as failures', () => {
    const markdown = markdownOf([
      row({
        id: '1a',
        figure: 'size',
        ours: 2600,
        unit: 'B',
        target: '<= 2500',
        check: (v) => v <= 2500,
      }),
      failedRow('1b', 'all', '<= 6144', new Error('no dist\nstack')),
    ]);
    const [missed, unmeasured] = tableRows(markdown).map(cells);
    expect(missed?.[7]).toBe('**FAIL**');
    expect(unmeasured?.[7]).toBe('**FAIL**');
    expect(markdown).toContain('not measured: no dist');
    expect(markdown).not.toContain('stack');
  });
});
