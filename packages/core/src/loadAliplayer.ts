import type { AliplayerConstructor } from './Aliplayer';
import { errorReference } from './errorReference';
import { PlayerError } from './PlayerError';

/** The Aliplayer SDK version loaded from the official CDN by default. */
export const ALIPLAYER_VERSION = '2.37.7';

/** Base URL of the pinned SDK build ({@link ALIPLAYER_VERSION}) on the official CDN (no trailing slash). */
export const ALIPLAYER_CDN_BASE = 'https://g.alicdn.com/apsara-media-box/imp-web-player/2.37.7';

/**
 * The SDK's PlayAuth module, relative to its `assetPrefix`. The SDK loads it lazily, from a
 * `<script crossorigin="anonymous">`, when the first VOD player of a page is created; the
 * loader preloads it next to the SDK so that download no longer waits for the player.
 */
export const ALIPLAYER_PLAYAUTH_MODULE = 'hls/aliplayer-vod-p-min.js';

/** Script (and optional stylesheet) URLs of an Aliplayer build. */
export interface AliplayerScriptSource {
  /** URL of `aliplayer-min.js`. Relative URLs resolve against the document. */
  script: string;
  /**
   * URL of the skin stylesheet, or `false` to load none (the app ships it).
   * Default: `skins/default/aliplayer-min.css` next to the script.
   */
  css?: string | false;
  /**
   * Where the SDK loads its lazy parts (`hls/`, `license/`, skin images) from.
   * Default: the folder of `script`.
   */
  assetPrefix?: string;
  /** CSP nonce set on the injected `<script>` and `<link>`. */
  nonce?: string;
  /**
   * Scripts of Aliplayer components (e.g. `'aliplayercomponents-1.1.2.min.js'` for the
   * watermark, marquee and bullet-screen components), relative to `script` or absolute. They
   * are loaded once per page, in order, after the SDK and before any player is built. In the
   * player's `components` option a `type` given as a string names a class of
   * `window.AliPlayerComponent` (see `buildAliplayerOptions`). Default: none.
   */
  components?: readonly string[];
}

/**
 * Where the Aliplayer SDK comes from:
 * - `undefined`: the official CDN, version {@link ALIPLAYER_VERSION};
 * - a string: base URL of a self-hosted build folder (holding `aliplayer-min.js` and
 *   `skins/default/aliplayer-min.css`), e.g. `'/vendor/aliplayer'` or the `build` folder of the
 *   `aliyun-aliplayer` package copied to your static files;
 * - an {@link AliplayerScriptSource} object, for explicit URLs or a CSP nonce;
 * - an Aliplayer constructor (a class, or a function with the static `getVersion`), used as is;
 * - a loader function without `prototype` (arrow or `async` function), e.g.
 *   `() => import('aliyun-aliplayer')`, resolving to the constructor, to a module whose
 *   `default` is the constructor, or to anything after having set `window.Aliplayer`. Import the
 *   skin CSS yourself in that case (`aliyun-aliplayer/build/skins/default/aliplayer-min.css`).
 */
export type AliplayerSource =
  | string
  | AliplayerScriptSource
  | AliplayerConstructor
  | (() => Promise<unknown>);

type Loader = () => Promise<unknown>;

interface ScriptPlan {
  script: string;
  css: string | undefined;
  nonce?: string;
  components: string[];
}

const DATA_ATTRIBUTE = 'data-playauth-aliplayer';
const loads = new Map<unknown, Promise<AliplayerConstructor>>();

function isConstructor(source: AliplayerConstructor | Loader): source is AliplayerConstructor {
  if (typeof (source as AliplayerConstructor).getVersion === 'function') return true;
  // Arrow and async functions have no prototype, so they cannot be constructors.
  if (!source.prototype) return false;
  if (Object.getOwnPropertyNames(source.prototype).length > 1) return true;
  return /^class[\s{]/.test(Function.prototype.toString.call(source));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function absolute(url: string): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  if (!base) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function planFor(source: string | AliplayerScriptSource | undefined): ScriptPlan {
  if (source === undefined || typeof source === 'string') {
    const base = trimSlash(absolute(trimSlash(source ?? ALIPLAYER_CDN_BASE) || '/'));
    return {
      script: `${base}/aliplayer-min.js`,
      css: `${base}/skins/default/aliplayer-min.css`,
      components: [],
    };
  }
  const script = absolute(source.script);
  const css =
    source.css === false
      ? undefined
      : source.css !== undefined
        ? absolute(source.css)
        : new URL('skins/default/aliplayer-min.css', script).href;
  const components = (source.components ?? []).map((url) => new URL(url, script).href);
  return { script, css, nonce: source.nonce, components };
}

/**
 * The absolute `assetPrefix` option matching `source` (no trailing slash, as the SDK appends
 * `/hls/...`), or `undefined` for constructor and loader-function sources (the SDK then uses
 * its own CDN). The SDK resolves a relative prefix against the page's directory and then hangs
 * silently when a lazy part fails to load, hence absolute.
 *
 * @example
 * ```ts
 * aliplayerAssetPrefix(); // 'https://g.alicdn.com/apsara-media-box/imp-web-player/2.37.7'
 * aliplayerAssetPrefix('/vendor/aliplayer/'); // 'https://your.site/vendor/aliplayer'
 * ```
 */
export function aliplayerAssetPrefix(source?: AliplayerSource): string | undefined {
  if (typeof source === 'function') return undefined;
  if (typeof source === 'object' && source.assetPrefix !== undefined) {
    return trimSlash(absolute(source.assetPrefix));
  }
  const { script } = planFor(source);
  return trimSlash(script.slice(0, script.lastIndexOf('/') + 1));
}

function loadFailed(what: string, cause?: unknown): PlayerError {
  return new PlayerError(
    'SdkLoadFailed',
    (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
      ? `Aliplayer SDK not loaded from ${what}: check network, URL and CSP ('unsafe-eval'), then retry.`
      : errorReference('SdkLoadFailed', what),
    { kind: 'sdk', retryable: true, cause },
  );
}

function globalConstructor(): AliplayerConstructor | undefined {
  const value = (globalThis as { Aliplayer?: unknown }).Aliplayer;
  return typeof value === 'function' ? (value as AliplayerConstructor) : undefined;
}

function findElement<T extends HTMLScriptElement | HTMLLinkElement>(
  list: Iterable<T>,
  url: string,
): T | undefined {
  // The reflected `src` / `href` properties are already absolute.
  for (const element of list)
    if (('src' in element ? element.src : element.href) === url) return element;
  return undefined;
}

/**
 * Adds a `<link>` marked as ours to `<head>`, with `properties` and the CSP nonce, unless a link
 * matching `selector` already has its `href`.
 */
function addLink(
  selector: string,
  properties: Partial<HTMLLinkElement> & { href: string },
  nonce: string | undefined,
): void {
  if (findElement(document.querySelectorAll<HTMLLinkElement>(selector), properties.href)) return;
  const link = Object.assign(document.createElement('link'), properties);
  link.setAttribute(DATA_ATTRIBUTE, '');
  // The attribute (unlike the property) also works where `nonce` is not reflected.
  if (nonce) link.setAttribute('nonce', nonce);
  document.head.appendChild(link);
}

/**
 * Runs the script at `url` once per page and resolves to `loaded()` (which must be truthy once
 * it ran). A tag already in the page is reused: awaited while ours is loading, else trusted.
 */
function injectScript<T>(url: string, nonce: string | undefined, loaded: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let script = findElement(document.scripts, url);
    if (script && script.getAttribute(DATA_ATTRIBUTE) !== 'loading') {
      // Already executed (ours from an earlier loader copy, or the page's own tag).
      const value = loaded();
      if (value) {
        resolve(value);
        return;
      }
    }
    if (!script) {
      script = document.createElement('script');
      script.src = url;
      script.async = true;
      if (nonce) script.setAttribute('nonce', nonce);
      script.setAttribute(DATA_ATTRIBUTE, 'loading');
      // Its load event comes in a later task: the listeners below are in time.
      document.head.appendChild(script);
    }
    const element = script;
    // Both listeners go at once, whichever event comes first.
    const listening = new AbortController();
    const settle = (error?: unknown) => {
      listening.abort();
      const value = error === undefined ? loaded() : undefined;
      if (value) {
        element.setAttribute(DATA_ATTRIBUTE, 'loaded');
        resolve(value);
        return;
      }
      // Remove the failed tag so a retry injects a fresh one instead of finding a dead one.
      element.remove();
      reject(loadFailed(url, error ?? new Error('no window.Aliplayer')));
    };
    const { signal } = listening;
    element.addEventListener('load', () => settle(), { signal });
    element.addEventListener('error', settle, { signal });
  });
}

/**
 * Adds `<link rel="preload" as="script">` for the PlayAuth module of a script source unless the
 * page already has it (such a link, its script, or the module's global): once per URL.
 */
function preloadPlayAuthModule(source: string | AliplayerScriptSource | undefined): void {
  const prefix = aliplayerAssetPrefix(source);
  if (!prefix) return;
  const url = `${prefix}/${ALIPLAYER_PLAYAUTH_MODULE}`;
  if ((globalThis as { _apesrap?: unknown })._apesrap !== undefined) return;
  if (findElement(document.scripts, url)) return;
  // The SDK's request is CORS-mode (crossorigin="anonymous"): only a matching preload is reused.
  addLink(
    'link[rel="preload"], link[rel="prefetch"]',
    { rel: 'preload', as: 'script', href: url, crossOrigin: 'anonymous' },
    typeof source === 'object' ? source.nonce : undefined,
  );
}

/** The SDK (and its skin CSS), then its component scripts one after another. */
async function loadScripts({ script, css, nonce, components }: ScriptPlan) {
  if (css) addLink('link[rel="stylesheet"]', { rel: 'stylesheet', href: css }, nonce);
  const ctor = await injectScript(script, nonce, globalConstructor);
  for (const url of components) await injectScript(url, nonce, () => true);
  return ctor as AliplayerConstructor;
}

async function runLoader(loader: Loader): Promise<AliplayerConstructor> {
  let result: unknown;
  try {
    result = await loader();
  } catch (cause) {
    throw loadFailed('the loader function', cause);
  }
  const candidates = [
    result,
    (result as { default?: unknown } | null)?.default,
    (result as { default?: { default?: unknown } } | null)?.default?.default,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'function') return candidate as AliplayerConstructor;
  }
  const ctor = globalConstructor();
  if (ctor) return ctor;
  throw loadFailed('the loader function', new Error('no constructor, no window.Aliplayer'));
}

/**
 * Loads the Aliplayer SDK and resolves to its constructor.
 *
 * - Default source: the official CDN, pinned to {@link ALIPLAYER_VERSION}, script and skin CSS.
 *   Pass {@link aliplayerAssetPrefix}`(source)` as the `assetPrefix` option so lazy parts come
 *   from the same place ({@link PlayerController} does this for you).
 * - Loads once per page per source; concurrent callers share one promise and one `<script>`.
 * - For script sources it also preloads the PlayAuth module the SDK would otherwise fetch only
 *   once a player exists ({@link ALIPLAYER_PLAYAUTH_MODULE} under the source's
 *   {@link aliplayerAssetPrefix}), in parallel with the SDK itself.
 * - A failure is not cached: the failed `<script>` is removed and the next call tries again.
 *   It rejects with a {@link PlayerError} `SdkLoadFailed` (`retryable: true`) naming the URL.
 * - Outside a browser it rejects with `SdkUnavailable` (a given constructor is returned as is).
 *
 * @param source Where the SDK comes from, see {@link AliplayerSource}. Default: the CDN.
 *
 * @example
 * ```ts
 * const Aliplayer = await loadAliplayer(); // official CDN
 * const Self = await loadAliplayer({ script: '/vendor/aliplayer/aliplayer-min.js', nonce });
 * const Bundled = await loadAliplayer(() => import('aliyun-aliplayer'));
 * ```
 */
export function loadAliplayer(source?: AliplayerSource): Promise<AliplayerConstructor> {
  if (typeof source === 'function' && isConstructor(source)) return Promise.resolve(source);
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    return Promise.reject(
      new PlayerError(
        'SdkUnavailable',
        (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
          ? 'Aliplayer needs a browser: create players in effects, not in SSR.'
          : errorReference('SdkUnavailable'),
        { kind: 'sdk', retryable: false },
      ),
    );
  }
  const plan = typeof source === 'function' ? undefined : planFor(source);
  const key = plan ? [plan.script, ...plan.components].join(' ') : source;
  const cached = loads.get(key);
  if (cached) return cached;
  const promise = plan ? loadScripts(plan) : runLoader(source as Loader);
  if (plan) preloadPlayAuthModule(source as string | AliplayerScriptSource | undefined);
  loads.set(key, promise);
  promise.catch(() => {
    if (loads.get(key) === promise) loads.delete(key);
  });
  return promise;
}

/** Forgets every load, so the next {@link loadAliplayer} starts over. For tests. */
export function resetAliplayerLoader(): void {
  loads.clear();
}
