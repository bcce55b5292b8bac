import { test } from 'vitest';
import { type FigureRow, row } from '../FigureRow';
import { measureCredentialRequests } from './measureCredentialRequests';
import { recordRows } from './recordRows';

test('figure 3: credential requests with many players, StrictMode', async () => {
  const rows: FigureRow[] = [];
  for (const [index, count] of [1, 10, 100].entries()) {
    const result = await measureCredentialRequests(
      Array.from({ length: count }, () => 'benchSameVideo01'),
    );
    rows.push(
      row({
        id: `3${'abc'[index]}`,
        figure: `Credential requests, ${count} player(s) of one video mounted (StrictMode)`,
        ours: result.requests,
        baseline: result.naive,
        unit: 'requests',
        target: '1',
        invariant: true,
        check: (v) => v === 1 && result.playing === count,
        note:
          index === 0
            ? `baseline: a player fetching its own credential in an effect (StrictMode runs it twice); ${result.playing}/${count} playing`
            : `${result.playing}/${count} players playing`,
      }),
    );
  }
  const distinct = Array.from({ length: 10 }, (_, i) => `benchVideo${String(i).padStart(2, '0')}`);
  const result = await measureCredentialRequests(distinct);
  rows.push(
    row({
      id: '3d',
      figure: 'Credential requests, 10 distinct videos mounted (StrictMode)',
      ours: result.requests,
      baseline: result.naive,
      unit: 'requests',
      target: '10',
      invariant: true,
      check: (v) => v === 10 && result.playing === 10,
      note: `${result.playing}/10 players playing`,
    }),
  );
  recordRows('credentialRequests', rows);
});
