import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePackageBuild } from './definePackageBuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const helper = fileURLToPath(new URL('./definePackageBuild.ts', import.meta.url));

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe('definePackageBuild', () => {
  it('rejects a typed entry that is not an entry', () => {
    expect(() =>
      definePackageBuild({ entries: ['src/index.ts'], typedEntries: ['src/other.ts'] }),
    ).toThrow(/typedEntries src\/other\.ts are not in entries/);
  });

  // A package shaped like @playauth/react plus a CLI: two entries (types for one), one file per
  // module, a private workspace package bundled in, a dependency left as an import. Built by the
  // tsdown CLI exactly as `npm run build` builds the real packages.
  describe('a package built per module with a bundled private package', () => {
    let pkg: string;
    const dist = (file: string) => readFileSync(join(pkg, 'dist', file), 'utf8');
    beforeAll(async () => {
      pkg = mkdtempSync(join(tmpdir(), 'playauth-build-'));
      write(pkg, {
        'package.json': JSON.stringify({
          name: 'fixture',
          type: 'module',
          // Listed like a linked workspace package: only `bundle` takes it into the output.
          dependencies: { 'public-dep': '1.0.0', 'private-model': '0.0.0' },
        }),
        'tsconfig.build.json': JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            strict: true,
            skipLibCheck: true,
          },
          include: ['src'],
        }),
        'tsdown.config.ts': `import { definePackageBuild } from ${JSON.stringify(helper)};
export default definePackageBuild({
  entries: ['src/index.ts', 'src/cli.ts'],
  typedEntries: ['src/index.ts'],
  perModule: true,
  bundle: ['private-model'],
  developmentBuild: true,
});
`,
        'src/index.ts': `'use client';
export { greet } from './greet';
export type { Greeting } from './greet';
export type { Rule } from 'private-model';
`,
        'src/greet.ts': `import { shout } from 'public-dep';
import { PRIVATE_RULE } from 'private-model';
/** A greeting. */
export interface Greeting { text: string }
export function greet(name: string): Greeting {
  if (!name) {
    throw new TypeError(
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? 'greet: pass a name (long development text)'
        : 'greet: E1',
    );
  }
  return { text: shout(name + PRIVATE_RULE) };
}
`,
        'src/cli.ts': `#!/usr/bin/env node
import { greet } from './greet';
console.log(greet('cli').text);
`,
        'node_modules/public-dep/package.json': JSON.stringify({
          name: 'public-dep',
          type: 'module',
          exports: { '.': { types: './index.d.ts', default: './index.js' } },
        }),
        'node_modules/public-dep/index.js': 'export const shout = (s) => s.toUpperCase();\n',
        'node_modules/public-dep/index.d.ts':
          'export declare const shout: (s: string) => string;\n',
        'node_modules/private-model/package.json': JSON.stringify({
          name: 'private-model',
          private: true,
          type: 'module',
          exports: { '.': { types: './index.d.ts', default: './index.js' } },
        }),
        'node_modules/private-model/index.js': "export const PRIVATE_RULE = '-private-rule';\n",
        'node_modules/private-model/index.d.ts':
          'export declare const PRIVATE_RULE: string;\n/** A private rule. */\nexport interface Rule { id: string }\n',
      });
      await promisify(execFile)(join(root, 'node_modules/.bin/tsdown'), [], {
        cwd: pkg,
        timeout: 60_000,
      });
    }, 90_000);
    afterAll(() => {
      if (pkg) rmSync(pkg, { recursive: true, force: true });
    });

    it('writes one .js file per source module, with non-empty source maps', () => {
      const files = readdirSync(join(pkg, 'dist'));
      expect(files).toEqual(expect.arrayContaining(['index.js', 'greet.js', 'cli.js']));
      expect(files.some((file) => file.endsWith('.mjs'))).toBe(false);
      const map = JSON.parse(dist('greet.js.map')) as { mappings: string; sources: string[] };
      expect(map.sources.join()).toContain('greet.ts');
      expect(map.mappings.replace(/[;,]/g, '')).not.toBe('');
    });

    it('keeps the entry directive first and the CLI hashbang', () => {
      expect(dist('index.js').startsWith('"use client";')).toBe(true);
      expect(dist('cli.js').startsWith('#!/usr/bin/env node')).toBe(true);
    });

    it('bundles the private package and keeps dependencies as imports', () => {
      const js = readdirSync(join(pkg, 'dist'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map(dist)
        .join('\n');
      expect(js).toContain('-private-rule');
      expect(js).not.toMatch(/from\s*["']private-model["']/);
      expect(dist('greet.js')).toMatch(/from\s*["']public-dep["']/);
    });

    it('builds the typed entries again into dist/development with the development checks folded', () => {
      const files = readdirSync(join(pkg, 'dist/development'));
      expect(files).toEqual(expect.arrayContaining(['index.js', 'greet.js']));
      expect(files.filter((file) => file.endsWith('.d.ts') || file.startsWith('cli'))).toEqual([]);
      const greet = dist('development/greet.js');
      expect(greet).toContain('long development text');
      expect(greet).not.toContain('greet: E1');
      expect(greet).not.toMatch(/\bprocess\b/);
      expect(greet).toMatch(/from\s*["']public-dep["']/);
      expect(dist('development/index.js').startsWith('"use client";')).toBe(true);
      // The default build keeps the guard, for the app's bundler to fold.
      expect(dist('greet.js')).toContain('greet: E1');
      expect(dist('greet.js')).toContain('typeof process');
    });

    it('emits one bundled .d.ts for the typed entry only', () => {
      expect(dist('index.d.ts')).toMatch(/interface Greeting/);
      expect(dist('index.d.ts')).toMatch(/greet\(name: string\): Greeting/);
      // Types of the bundled private package are inlined too: users cannot install it.
      expect(dist('index.d.ts')).toMatch(/interface Rule/);
      expect(dist('index.d.ts')).not.toMatch(/["']private-model["']/);
      expect(existsSync(join(pkg, 'dist/greet.d.ts'))).toBe(false);
      expect(existsSync(join(pkg, 'dist/cli.d.ts'))).toBe(false);
    });
  });
});
