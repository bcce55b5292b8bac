import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { findChromiumPath } from '../e2e/chromium';

/** Where the figures were measured: timings only compare within one run on one machine. */
export interface MachineInfo {
  date: string;
  nproc: number;
  cpu: string;
  node: string;
  chromium: string;
  platform: string;
}

/** Reads CPU count and model (from /proc/cpuinfo on Linux), Node and Chromium versions. */
export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpu: cpuModel(),
    node: process.version,
    chromium: chromiumVersion(),
    platform: `${process.platform} ${process.arch}`,
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

function chromiumVersion(): string {
  const path = findChromiumPath();
  if (!path) return 'none';
  try {
    // Debian's wrapper script prints shell noise on stderr; the version is on stdout.
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return `unknown (${path})`;
  }
}
