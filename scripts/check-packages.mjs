#!/usr/bin/env node
// Packaging checks for every published workspace: publint (package.json and files) and
// attw (types resolve for ESM consumers). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const cwd = join(root, 'packages', dir);
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
// (issue 17: `dist/lazy.js` is the `@playauth/react/lazy` entry).
for (const entry of ['index.js', 'lazy.js']) {
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
