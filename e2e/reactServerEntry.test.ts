import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// issue 13: `playAuthQueryOptions` called from a React Server Component failed ("Attempted to
// call playAuthQueryOptions() from the server but playAuthQueryOptions is on the client"): the
// only entry started with 'use client', which makes every export a client reference. The
// server-safe entry `@playauth/react/server` must not carry the directive anywhere in what it
// loads, while the client entries keep it.

const dist = fileURLToPath(new URL('../packages/react/dist/', import.meta.url));
const root = fileURLToPath(new URL('../', import.meta.url));
const USE_CLIENT = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/;

/** Every file of the package's dist that `entry` loads, following relative imports. */
function loadedFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(resolve(dirname(file), spec as string));
    }
  };
  visit(join(dist, entry));
  return [...seen];
}

describe('@playauth/react/server (built dist)', () => {
  // Both builds: the default and the one of the "development" condition (issue 17: `next dev`).
  it.each(['server.js', 'development/server.js'])(
    "%s carries no 'use client' in its entry or in any module it loads, and never loads the client entry",
    (entry) => {
      const files = loadedFiles(entry);
      expect(files.map((file) => file.slice(dist.length))).not.toContain(
        entry.replace('server.js', 'index.js'),
      );
      for (const file of files) {
        expect({ file, client: USE_CLIENT.test(readFileSync(file, 'utf8')) }).toEqual({
          file,
          client: false,
        });
      }
    },
  );

  it("leaves 'use client' first in the client entries", () => {
    for (const entry of ['index.js', 'lazy.js']) {
      expect(readFileSync(join(dist, entry), 'utf8')).toMatch(/^['"]use client['"];/);
    }
  });

  it('runs under the react-server condition (what a Server Component imports) and prefetches with origin', async () => {
    // A child Node with the condition React Server Components resolve with; no DOM, no React
    // client. It builds the query options, resolves a relative endpoint through `origin`, and
    // reads a GetVideoInfo answer into VideoMeta.
    const script = `
      import * as server from '@playauth/react/server';
      const seen = [];
      const options = server.playAuthQueryOptions('v1', {
        endpoint: '/api/play-auth',
        origin: 'http://127.0.0.1:9',
        fetch: undefined,
      });
      globalThis.fetch = async (url) => { seen.push(String(url)); return Response.json({ Code: 'InvalidVideo.NotFound', Message: 'x' }, { status: 404 }); };
      const failure = await options.queryFn({ signal: new AbortController().signal }).catch((e) => e.code);
      const meta = server.toVideoMeta({ RequestId: 'r', Video: { VideoId: 'v1', Title: 'T', Duration: 5, Status: 'Normal', CoverURL: 'javascript:x' } });
      console.log(JSON.stringify({
        exports: Object.keys(server).sort(),
        key: options.queryKey,
        endpoint: server.DEFAULT_PLAYAUTH_ENDPOINT,
        seen,
        failure,
        meta,
      }));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=react-server', '--input-type=module', '-e', script],
      { cwd: root },
    );
    const result = JSON.parse(stdout);
    expect(result.exports).toEqual(
      expect.arrayContaining([
        'DEFAULT_PLAYAUTH_ENDPOINT',
        'playAuthQueryOptions',
        'sanitizeCoverUrl',
        'toVideoMeta',
      ]),
    );
    expect(result.exports).not.toContain('VodPlayer');
    expect(result.exports).not.toContain('usePlayAuth');
    expect(result.key).toEqual(['playauth', '/api/play-auth', 'v1', 100]);
    expect(result.endpoint).toBe('/api/play-auth');
    expect(result.seen).toEqual([
      'http://127.0.0.1:9/api/play-auth?VideoId=v1&AuthInfoTimeout=100',
    ]);
    expect(result.failure).toBe('InvalidVideo.NotFound');
    expect(result.meta).toEqual({ videoId: 'v1', title: 'T', duration: 5, status: 'Normal' });
  });
});
