import { fileURLToPath } from 'node:url';
import { assertPackagesBuilt } from './assertPackagesBuilt';
import { buildTestPage } from './buildTestPage';

/**
 * Checks the packages are built (the e2e tests run their `dist`, as users install them), then
 * builds the test page into e2e/.dist once per run.
 */
export default async function setup(): Promise<void> {
  assertPackagesBuilt();
  const started = performance.now();
  await buildTestPage({
    outDir: fileURLToPath(new URL('./.dist/', import.meta.url)),
    development: true,
  });
  console.log(`[e2e] test page built in ${Math.round(performance.now() - started)} ms`);
}
