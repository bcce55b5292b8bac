import { readFileSync } from 'node:fs';
import mdxLoader from '@storybook/addon-docs/mdx-loader';
import { describe, expect, it } from 'vitest';
import { MDX_PLUGIN_OPTIONS } from '../../.storybook/main';

// Storybook's own MDX compiler (the addon's loader) with the options .storybook/main.ts gives the
// docs addon: what the docs pages render.
function compileMdx(file: string): Promise<string> {
  const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  return new Promise((resolve, reject) => {
    const context = {
      resourcePath: file,
      getOptions: () => MDX_PLUGIN_OPTIONS,
      async: () => (error: unknown, code?: string) => (error ? reject(error) : resolve(code ?? '')),
    };
    mdxLoader.call(context, source);
  });
}

describe('Storybook MDX pages', () => {
  it('render the Introduction\'s "Mode" table as a table, not as raw pipes', async () => {
    const code = await compileMdx('Introduction.mdx');
    expect(code).toMatch(/_components\.table/);
    expect(code).toMatch(/_components\.th,\s*\{\s*children: "Mode"/);
    expect(code).not.toMatch(/"\| Mode \|/);
  });

  it.each(['GettingStarted.mdx'])('compile %s', async (file) => {
    await expect(compileMdx(file)).resolves.toContain('MDXContent');
  });
});
