import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Absolute paths the benchmarks use. Scratch files go to bench/.cache (git-ignored). */
export const benchPaths = {
  root: here('../'),
  bench: here('./'),
  cache: here('./.cache/'),
  results: here('./results/'),
} as const;
