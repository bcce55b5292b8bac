import { join } from 'node:path';
import { workspaceAlias } from '../../dev/workspaceAlias';
import { buildTestPage } from '../../e2e/buildTestPage';
import { benchPaths } from '../benchPaths';

/**
 * Builds the test page (e2e/page, our packages from source) into bench/.cache/page, minified with
 * production React as an app ships it. Returns the page's file: URL (open it with
 * `?scenario=mount`, as openBenchPage does).
 */
export function buildBenchPage(): Promise<string> {
  return buildTestPage({ outDir: join(benchPaths.cache, 'page'), alias: workspaceAlias() });
}
