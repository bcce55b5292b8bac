import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The READMEs' app-setup code is the example apps' files, which the example tests build and run:
// each embed must equal its file, so the documentation cannot drift from what is tested.

const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The first fenced code block after the first line of `readme` that contains `anchor`. */
function blockAfter(readme: string, anchor: string): string | undefined {
  const text = read(readme);
  const at = text.indexOf(anchor);
  if (at < 0) return undefined;
  return /```\w*\n([\s\S]*?)```/.exec(text.slice(at))?.[1];
}

const EMBEDS: [readme: string, anchor: string, file: string][] = [
  [
    'README.md',
    'Express ([examples/vite-react18/server/server.ts]',
    'examples/vite-react18/server/server.ts',
  ],
  [
    'README.md',
    'Next.js App Router ([examples/next-app/app/api/play-auth/route.ts]',
    'examples/next-app/app/api/play-auth/route.ts',
  ],
  [
    'packages/react/README.md',
    '`app/videos/[videoId]/Player.tsx`, also turns',
    'examples/next-app/app/videos/[videoId]/Player.tsx',
  ],
];

describe('README code is the example apps’ code', () => {
  it.each(EMBEDS)('%s embeds %s verbatim', (readme, anchor, file) => {
    const block = blockAfter(readme, anchor);
    expect(block, `${readme} has no code block after "${anchor}"`).toBeDefined();
    expect(block).toBe(read(file));
  });
});
