import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicPackage } from './assertPackagesBuilt';

/** One name a README documents, and where a user would import it from. */
export interface DocumentedExport {
  /** The README it was found in. */
  readme: string;
  /** The import specifier, e.g. `@playauth/testing/msw`; for API lists, the package name. */
  module: string;
  name: string;
  /** `import`: named in an import statement (exactly that module); `api`: an API list or heading (any entry of the package). */
  kind: 'import' | 'api';
}

const FENCE = /^```(?:ts|tsx|js|jsx|typescript|javascript)\s*\n([\s\S]*?)^```/gm;
const IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"](@playauth\/[\w/-]+)['"]/g;
// `- \`name\`…`, `- \`name(args)\`…` and `### \`name(args)\`` at the start of a list item or heading.
const API_ITEM = /^(?:[-*] |#{2,4} )`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/gm;

/**
 * What a package's README documents: every name imported from `@playauth/*` in its TypeScript or
 * JavaScript code blocks, and every name that starts an API list item or heading.
 */
export function documentedExports(pkg: PublicPackage): DocumentedExport[] {
  const readme = join(pkg.dir, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const found: DocumentedExport[] = [];
  for (const [, code = ''] of text.matchAll(FENCE)) {
    for (const [, names = '', module = ''] of code.matchAll(IMPORT)) {
      for (const raw of names.split(',')) {
        const name = raw
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0];
        if (name) found.push({ readme, module, name, kind: 'import' });
      }
    }
  }
  for (const [, name = ''] of text.matchAll(API_ITEM)) {
    found.push({ readme, module: pkg.name, name, kind: 'api' });
  }
  return found;
}
