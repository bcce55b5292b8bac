import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchPaths } from './benchPaths';
import { type FigureRow, failedRow } from './FigureRow';

/** The jsdom figure files (bench/jsdom/<name>Figure.test.tsx) and what they measure. */
const FILES = [
  { name: 'upstreamCalls', figure: '2: upstream calls per viewer-hour', target: '<= 2' },
  { name: 'credentialRequests', figure: '3: credential requests with many players', target: '1' },
  { name: 'mountCycles', figure: '6: mount/unmount cycles (jsdom)', target: '0' },
] as const;

/**
 * Runs bench/jsdom/*Figure.test.tsx through Vitest (bench/vitest.config.ts: jsdom, fake timers,
 * `--expose-gc`) and collects the rows each file wrote. A file that failed or wrote nothing
 * becomes a failed row, so the table always names every figure.
 */
export async function runJsdomFigures(): Promise<FigureRow[]> {
  const outDir = join(benchPaths.cache, 'jsdom-rows');
  rmSync(outDir, { recursive: true, force: true });
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      join(benchPaths.root, 'node_modules/.bin/vitest'),
      ['run', '--config', 'bench/vitest.config.ts', '--reporter=dot'],
      {
        cwd: benchPaths.root,
        env: {
          ...process.env,
          BENCH_OUT_DIR: outDir,
          VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  const rows: FigureRow[] = [];
  for (const file of FILES) {
    const path = join(outDir, `${file.name}.json`);
    if (existsSync(path)) {
      rows.push(...(JSON.parse(readFileSync(path, 'utf8')) as FigureRow[]));
    } else {
      const tail = output
        .join('')
        .split('\n')
        .filter((line) => /Error|FAIL|×/.test(line));
      rows.push(
        failedRow(
          file.name,
          `Figure ${file.figure}`,
          file.target,
          new Error(
            `bench/jsdom/${file.name}Figure.test.tsx failed (vitest exit ${code}): ${tail.slice(0, 3).join(' | ')}`,
          ),
        ),
      );
    }
  }
  if (code !== 0) process.stderr.write(output.join(''));
  return rows;
}
