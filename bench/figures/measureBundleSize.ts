import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchPaths } from '../benchPaths';
import { type FigureRow, failedRow, row } from '../FigureRow';

/** Peers never counted: the app has them anyway. */
const ALWAYS_EXTERNAL = ['react', 'react-dom', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
const OUR_PEERS = [...ALWAYS_EXTERNAL, '@tanstack/react-query', 'aliyun-aliplayer'];

/** Other wrappers measured for scale (installed into bench/.cache/wrappers, outside the lockfile). */
const WRAPPERS = ['@pansy/react-aliplayer', 'aliplayer-react', '@mux/mux-player-react'] as const;

/** Bytes of `code` after esbuild bundle + minify (ESM, browser) and gzip -9. */
export async function gzipBundleSize(
  code: string,
  options: {
    resolveDir: string;
    external: string[];
    nodePaths?: string[];
    /** `process.env.NODE_ENV` of the build. Default `'production'` (what apps ship). */
    nodeEnv?: 'production' | 'development';
  },
): Promise<{ minified: number; gzip: number; cssGzip: number }> {
  const emptyTsconfig = join(benchPaths.cache, 'tsconfig.empty.json');
  mkdirSync(benchPaths.cache, { recursive: true });
  // The root tsconfig maps @playauth/* to sources; the size must be the published dist.
  writeFileSync(emptyTsconfig, '{"compilerOptions":{}}\n');
  const result = await build({
    stdin: { contents: code, resolveDir: options.resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // Some wrappers import CSS: esbuild then emits a .css beside the .js (counted, reported apart).
    outdir: join(benchPaths.cache, 'size-out'),
    logLevel: 'silent',
    tsconfig: emptyTsconfig,
    external: options.external,
    nodePaths: options.nodePaths ?? [],
    define: { 'process.env.NODE_ENV': JSON.stringify(options.nodeEnv ?? 'production') },
  });
  const sizes = { minified: 0, gzip: 0, cssGzip: 0 };
  for (const file of result.outputFiles) {
    const gzip = gzipSync(file.contents, { level: 9 }).byteLength;
    sizes.minified += file.contents.byteLength;
    sizes.gzip += gzip;
    if (file.path.endsWith('.css')) sizes.cssGzip += gzip;
  }
  return sizes;
}

/** Builds @playauth/core and @playauth/react with their own build scripts (what npm would ship). */
function buildOurPackages(): void {
  for (const pkg of ['core', 'react']) {
    execFileSync('npm', ['run', 'build', '--workspace', `@playauth/${pkg}`], {
      cwd: benchPaths.root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
}

/** Installs the other wrappers into a scratch prefix once (never into the repo's lockfile). */
function installWrappers(): string {
  const prefix = join(benchPaths.cache, 'wrappers');
  const modules = join(prefix, 'node_modules');
  if (WRAPPERS.every((name) => existsSync(join(modules, name, 'package.json')))) return modules;
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...WRAPPERS,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 },
  );
  return modules;
}

/** Names of the checks in .size-limit.js. */
const HOOK_CHECK = 'usePlayAuth + PlayAuthProvider';
const ALL_CHECK = '@playauth/react (all)';

/** Sizes (bytes) by check name, from size-limit itself: the same figures the test run enforces. */
function sizeLimitResults(): Record<string, number> {
  let out: string;
  try {
    out = execFileSync(join(benchPaths.root, 'node_modules/.bin/size-limit'), ['--json'], {
      cwd: benchPaths.root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // Over a limit: size-limit exits 1 but still prints its JSON.
    out = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const checks = JSON.parse(out) as { name: string; size: number }[];
  return Object.fromEntries(checks.map((check) => [check.name, check.size]));
}

function sizeOf(limits: Record<string, number>, name: string): number {
  const size = limits[name];
  if (size === undefined) throw new Error(`.size-limit.js has no check named "${name}"`);
  return size;
}

interface PackageJson {
  version: string;
  peerDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** How a wrapper gets the Aliplayer SDK, read from its installed files. */
function sdkDelivery(modules: string, name: string): string {
  const pkg = readPackage(join(modules, name));
  if (name.startsWith('@mux/')) return 'Mux player, no Aliplayer; its own engine bundled';
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  if (deps.includes('aliyun-aliplayer')) return 'depends on the aliyun-aliplayer package';
  const scripts = filesOf(join(modules, name)).filter((file) => /\.(m?js|cjs)$/.test(file));
  const text = scripts.map((file) => readFileSync(file, 'utf8')).join('\n');
  // Vendored minified SDK add-ons (e.g. Aliplayer components) ride along in the bundle.
  const vendored = scripts
    .filter((file) => file.endsWith('.min.js') && statSync(file).size > 50_000)
    .map(
      (file) => `bundles ${file.split('/').pop()} (${Math.round(statSync(file).size / 1024)} KB)`,
    );
  const cdn = /alicdn\.com\/de\/prismplayer\/([^/'"]+)\//.exec(text);
  // A templated URL takes its default version from the props' default.
  const version = cdn?.[1]?.includes('%version')
    ? (/version\s*=\s*\S+\s*===\s*void 0\s*\?\s*'([\d.]+)'/.exec(text)?.[1] ?? cdn[1])
    : cdn?.[1];
  const how = cdn
    ? `loads the SDK from the Alibaba CDN at run time (prismplayer/${version})`
    : /aliplayer-min\.js/.test(text)
      ? 'loads aliplayer-min.js at run time'
      : 'expects window.Aliplayer (SDK added by the app)';
  return [how, ...vendored].join(', ');
}

function filesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesOf(path));
    else out.push(path);
  }
  return out;
}

/**
 * Figure 1: gzip size of the `usePlayAuth` path and of all of @playauth/react (peers excluded),
 * and of other wrappers with their peers excluded, measured the same way.
 */
export async function measureBundleSize(): Promise<FigureRow[]> {
  const rows: FigureRow[] = [];
  const figureHook = 'Bundle, gzip: `{ usePlayAuth, PlayAuthProvider }` from @playauth/react';
  const figureAll = 'Bundle, gzip: all of @playauth/react (incl. VodPlayer, core)';
  try {
    buildOurPackages();
    const limits = sizeLimitResults();
    const ours = { resolveDir: benchPaths.root, external: OUR_PEERS };
    const hook = await gzipBundleSize(
      `export { usePlayAuth, PlayAuthProvider } from '@playauth/react';`,
      ours,
    );
    const all = await gzipBundleSize(`export * from '@playauth/react';`, ours);
    // The long developer messages exist only in development builds (docs/errors.md).
    const development = (code: string) =>
      gzipBundleSize(code, { ...ours, nodeEnv: 'development' }).then((size) => size.gzip);
    const hookDev = await development(
      `export { usePlayAuth, PlayAuthProvider } from '@playauth/react';`,
    );
    const allDev = await development(`export * from '@playauth/react';`);
    const esmNote = (esm: { minified: number; gzip: number }, dev: number) =>
      `size-limit (.size-limit.js: esbuild, production build, peers ignored, gzip -9), as \`npm test\` checks it; ESM output with the peer import statements kept: ${esm.gzip} B gzip, ${esm.minified} B minified; development build (long error messages): ${dev} B gzip ESM`;
    rows.push(
      row({
        id: '1a',
        figure: figureHook,
        ours: sizeOf(limits, HOOK_CHECK),
        unit: 'B gzip',
        target: '<= 2500 (2.5 kB)',
        check: (v) => v <= 2500,
        note: esmNote(hook, hookDev),
      }),
      row({
        id: '1b',
        figure: figureAll,
        ours: sizeOf(limits, ALL_CHECK),
        unit: 'B gzip',
        target: '<= 12500 (12.5 kB)',
        check: (v) => v <= 12500,
        note: `${esmNote(all, allDev)}; the SDK itself (aliyun-aliplayer, ~${sdkGzipKb()} KB gzip) is loaded at run time, not bundled`,
      }),
    );
  } catch (error) {
    rows.push(
      failedRow('1a', figureHook, '<= 2500', error),
      failedRow('1b', figureAll, '<= 12500', error),
    );
  }

  let modules: string;
  try {
    modules = installWrappers();
  } catch (error) {
    rows.push(failedRow('1c', 'Bundle, gzip: other wrappers', '', error));
    return rows;
  }
  let index = 0;
  for (const name of WRAPPERS) {
    const id = `1${String.fromCharCode('c'.charCodeAt(0) + index++)}`;
    const figure = `Bundle, gzip: all of ${name} (for scale)`;
    try {
      const pkg = readPackage(join(modules, name));
      const external = [
        ...new Set([...ALWAYS_EXTERNAL, ...Object.keys(pkg.peerDependencies ?? {})]),
      ];
      const size = await gzipBundleSize(`export * from '${name}';`, {
        resolveDir: modules,
        external,
        nodePaths: [modules],
      });
      rows.push(
        row({
          id,
          figure,
          ours: size.gzip,
          unit: 'B gzip',
          target: '',
          note: `${name}@${pkg.version}: minified ${size.minified} B${size.cssGzip ? ` (incl. ${size.cssGzip} B gzip of CSS)` : ''}; ${sdkDelivery(modules, name)}; external: ${external.join(', ')}`,
        }),
      );
    } catch (error) {
      rows.push(failedRow(id, figure, '', error));
    }
  }
  return rows;
}

/** The SDK's own weight, for context: what any Aliplayer wrapper makes the page download. */
function sdkGzipKb(): number {
  const file = join(benchPaths.root, 'node_modules/aliyun-aliplayer/build/aliplayer-min.js');
  if (!existsSync(file)) return 0;
  return Math.round(gzipSync(readFileSync(file), { level: 9 }).byteLength / 1024);
}
