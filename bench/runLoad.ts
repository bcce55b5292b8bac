/** Latencies of a closed-loop load: `concurrency` workers issue `total` requests between them. */
export async function runLoad(
  total: number,
  concurrency: number,
  request: (index: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      await request(index);
      latencies[index] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return latencies;
}

/** The `p`-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median of a list (NaN when empty). */
export const median = (values: readonly number[]): number => percentile(values, 50);
