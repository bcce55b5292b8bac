import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));
const sources = readdirSync(src).filter((name) => name.endsWith('.ts'));

describe('the VOD model is browser-safe', () => {
  it('has sources to check', () => {
    expect(sources).toContain('index.ts');
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources)('%s imports no Node built-in and uses no Buffer', (name) => {
    const text = readFileSync(join(src, name), 'utf8');
    expect(text).not.toMatch(/from\s+['"](?:node:|fs|path|crypto|buffer|http)['"/]/);
    expect(text).not.toMatch(/\bBuffer\./);
    expect(text).not.toMatch(/\brequire\(/);
  });

  it('only imports its own modules', () => {
    for (const name of sources) {
      const imports = [...readFileSync(join(src, name), 'utf8').matchAll(/from\s+'([^']+)'/g)];
      for (const [, specifier] of imports) expect(specifier).toMatch(/^\.\//);
    }
  });
});
