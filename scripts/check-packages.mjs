#!/usr/bin/env node
// Packaging checks for every published workspace: publint (package.json and files), attw
// (types resolve for ESM consumers), and no reference to a private workspace in the packed
// tarball (private packages such as @playauth/vod-model are bundled in). Private workspaces are
// skipped. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packageDirs = readdirSync(join(root, 'packages'));
const manifest = (dir) =>
  JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
const privateNames = packageDirs
  .filter((dir) => manifest(dir).private)
  .map((dir) => manifest(dir).name);

/** Files of the packed tarball (source maps aside) that name a private workspace package. */
function privateReferences(cwd) {
  const out = mkdtempSync(join(tmpdir(), 'playauth-pack-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd, stdio: 'pipe' }),
    );
    execFileSync('tar', ['-xzf', join(out, filename), '-C', out]);
    const hits = [];
    const walk = (path) => {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const file = join(path, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (!entry.name.endsWith('.map') && !entry.name.endsWith('.tgz')) {
          const text = readFileSync(file, 'utf8');
          for (const name of privateNames)
            if (text.includes(name)) hits.push(`${file.slice(out.length + 1)}: ${name}`);
        }
      }
    };
    walk(out);
    return hits;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

let failed = 0;
for (const dir of packageDirs) {
  const cwd = join(root, 'packages', dir);
  if (manifest(dir).private) {
    console.log(`skip ${dir}: private, bundled into the packages that use it`);
    continue;
  }
  const hits = privateReferences(cwd);
  if (hits.length === 0) console.log(`ok   ${dir}: packed files name no private package`);
  else {
    failed++;
    console.error(`FAIL ${dir}: packed files name a private package:\n  ${hits.join('\n  ')}`);
  }
  for (const [cmd, args] of [
    [bin('publint'), ['--strict']],
    [bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(cmd, args, { cwd, stdio: 'pipe' });
      console.log(`ok   ${dir}: ${cmd.split('/').pop()}`);
    } catch (error) {
      failed++;
      console.error(`FAIL ${dir}: ${cmd.split('/').pop()}\n${error.stdout}${error.stderr}`);
    }
  }
}
// React Server Components need the directive as the very first statement of each client entry
// (issue 17: `dist/lazy.js` is the `@playauth/react/lazy` entry; `dist/development/` is the build
// of the "development" export condition).
for (const entry of ['index.js', 'lazy.js', 'development/index.js', 'development/lazy.js']) {
  const code = readFileSync(join(root, 'packages/react/dist', entry), 'utf8');
  if (/^['"]use client['"];/.test(code)) {
    console.log(`ok   react: dist/${entry} starts with 'use client'`);
  } else {
    failed++;
    console.error(`FAIL react: dist/${entry} does not start with 'use client'`);
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`);
  process.exit(1);
}
