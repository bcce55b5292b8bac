// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Aliplayer, AliplayerConstructor, AliplayerOptions } from '../Aliplayer';
import {
  ALIPLAYER_CDN_BASE,
  ALIPLAYER_PLAYAUTH_MODULE,
  ALIPLAYER_VERSION,
  aliplayerAssetPrefix,
  loadAliplayer,
  resetAliplayerLoader,
} from '../loadAliplayer';
import { isPlayerError } from '../PlayerError';

type WithAliplayer = { Aliplayer?: unknown; _apesrap?: unknown };

/** A stand-in constructor; the loader never calls it. */
function makeConstructor(): AliplayerConstructor {
  const ctor = function (this: unknown, _options: AliplayerOptions) {} as unknown as {
    new (options: AliplayerOptions): Aliplayer;
    getVersion(): string;
  };
  ctor.getVersion = () => ALIPLAYER_VERSION;
  return ctor;
}

const scripts = () => [...document.head.querySelectorAll('script')];
const links = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
const preloads = () => [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"]')];

function onlyScript(): HTMLScriptElement {
  const all = scripts();
  expect(all).toHaveLength(1);
  return all[0] as HTMLScriptElement;
}

/** What the browser does when the SDK script has run: it defines window.Aliplayer. */
function finishLoading(script: HTMLScriptElement, ctor: unknown = makeConstructor()): unknown {
  (window as WithAliplayer).Aliplayer = ctor;
  script.dispatchEvent(new Event('load'));
  return ctor;
}

beforeEach(() => {
  resetAliplayerLoader();
  document.head.replaceChildren();
  delete (window as WithAliplayer).Aliplayer;
  delete (window as WithAliplayer)._apesrap;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadAliplayer from a script URL', () => {
  it('pins the CDN base to ALIPLAYER_VERSION', () => {
    expect(ALIPLAYER_CDN_BASE).toBe(
      `https://g.alicdn.com/apsara-media-box/imp-web-player/${ALIPLAYER_VERSION}`,
    );
  });

  it('loads the pinned CDN build and its skin CSS by default', async () => {
    const promise = loadAliplayer();
    const script = onlyScript();
    expect(script.src).toBe(`${ALIPLAYER_CDN_BASE}/aliplayer-min.js`);
    expect(script.src).toContain(`/${ALIPLAYER_VERSION}/`);
    expect(script.async).toBe(true);
    expect(links().map((link) => link.href)).toEqual([
      `${ALIPLAYER_CDN_BASE}/skins/default/aliplayer-min.css`,
    ]);
    const ctor = finishLoading(script);
    await expect(promise).resolves.toBe(ctor);
  });

  it('shares one promise and one <script> between concurrent callers', async () => {
    const first = loadAliplayer();
    const second = loadAliplayer();
    expect(second).toBe(first);
    const ctor = finishLoading(onlyScript());
    await expect(Promise.all([first, second])).resolves.toEqual([ctor, ctor]);
    expect(links()).toHaveLength(1);
  });

  it('loads once per source: later calls reuse the result without new tags', async () => {
    const first = loadAliplayer('/vendor/aliplayer');
    const ctor = finishLoading(onlyScript());
    await first;
    await expect(loadAliplayer('/vendor/aliplayer/')).resolves.toBe(ctor);
    expect(scripts()).toHaveLength(1);
    expect(links()).toHaveLength(1);
  });

  it('does not cache a failure: the failed tag is removed and the next call retries', async () => {
    const failing = loadAliplayer();
    const dead = onlyScript();
    dead.dispatchEvent(new Event('error'));
    const error = await failing.catch((e: unknown) => e);
    expect(isPlayerError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SdkLoadFailed', kind: 'sdk', retryable: true });
    expect((error as Error).message).toContain(`${ALIPLAYER_CDN_BASE}/aliplayer-min.js`);
    expect(dead.isConnected).toBe(false);

    const retry = loadAliplayer();
    expect(retry).not.toBe(failing);
    const fresh = onlyScript();
    expect(fresh).not.toBe(dead);
    const ctor = finishLoading(fresh);
    await expect(retry).resolves.toBe(ctor);
  });

  it('fails when the script ran but defined no Aliplayer', async () => {
    const promise = loadAliplayer('/wrong/folder');
    onlyScript().dispatchEvent(new Event('load'));
    await expect(promise).rejects.toMatchObject({ code: 'SdkLoadFailed' });
    expect(scripts()).toHaveLength(0);
  });

  it('sets the CSP nonce on the script and the stylesheet', async () => {
    const promise = loadAliplayer({ script: '/sdk/aliplayer-min.js', nonce: 'n0nce' });
    const script = onlyScript();
    expect(script.getAttribute('nonce')).toBe('n0nce');
    expect(links()[0]?.getAttribute('nonce')).toBe('n0nce');
    finishLoading(script);
    await promise;
  });

  it('resolves script and CSS of a self-hosted folder against the page', async () => {
    const promise = loadAliplayer('/static/aliplayer/');
    const script = onlyScript();
    expect(script.src).toBe(`${location.origin}/static/aliplayer/aliplayer-min.js`);
    expect(links()[0]?.href).toBe(
      `${location.origin}/static/aliplayer/skins/default/aliplayer-min.css`,
    );
    finishLoading(script);
    await promise;
  });

  it('loads no CSS with css: false and reuses a stylesheet already on the page', async () => {
    const none = loadAliplayer({ script: '/a/aliplayer-min.js', css: false });
    expect(links()).toHaveLength(0);
    finishLoading(onlyScript());
    await none;

    const existing = document.createElement('link');
    existing.rel = 'stylesheet';
    existing.href = '/b/skin.css';
    document.head.append(existing);
    const promise = loadAliplayer({ script: '/b/aliplayer-min.js', css: '/b/skin.css' });
    expect(links()).toEqual([existing]);
    const script = scripts().find((s) => s.src.endsWith('/b/aliplayer-min.js'));
    finishLoading(script as HTMLScriptElement);
    await promise;
  });

  it('never duplicates a script the page already loaded', async () => {
    const ctor = makeConstructor();
    const tag = document.createElement('script');
    tag.src = `${ALIPLAYER_CDN_BASE}/aliplayer-min.js`;
    document.head.append(tag);
    (window as WithAliplayer).Aliplayer = ctor;
    await expect(loadAliplayer()).resolves.toBe(ctor);
    expect(scripts()).toEqual([tag]);
  });

  it('rejects with SdkUnavailable on the server', async () => {
    vi.stubGlobal('window', undefined);
    const error = await loadAliplayer().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SdkUnavailable', kind: 'sdk', retryable: false });
    expect((error as Error).message).toMatch(/browser/);
    vi.unstubAllGlobals();
    expect(scripts()).toHaveLength(0);
  });
});

describe('preloading the PlayAuth module', () => {
  it('is the path the SDK requests under its assetPrefix', () => {
    const sdk = readFileSync(
      fileURLToPath(import.meta.resolve('aliyun-aliplayer/build/aliplayer-min.js')),
      'utf8',
    );
    // loadByVod: t="aliplayer-vod-p-min.js", ..., i.assetPrefix&&(r=i.assetPrefix+"/hls/"+t)
    const [, file] = ALIPLAYER_PLAYAUTH_MODULE.split('/');
    expect(sdk).toContain(`t="${file}"`);
    expect(sdk).toContain('.assetPrefix&&(r=i.assetPrefix+"/hls/"+t)');
    expect(ALIPLAYER_PLAYAUTH_MODULE).toBe('hls/aliplayer-vod-p-min.js');
  });

  it('preloads it next to the SDK, once per source, in CORS mode like the SDK', async () => {
    const first = loadAliplayer();
    expect(preloads()).toHaveLength(1);
    const [link] = preloads();
    expect(link?.href).toBe(`${ALIPLAYER_CDN_BASE}/${ALIPLAYER_PLAYAUTH_MODULE}`);
    expect(link?.as).toBe('script');
    expect(link?.crossOrigin).toBe('anonymous');
    expect(link?.getAttribute('nonce')).toBeNull();
    finishLoading(onlyScript());
    await first;
    await loadAliplayer();
    expect(preloads()).toHaveLength(1);

    const self = loadAliplayer({
      script: '/sdk/aliplayer-min.js',
      assetPrefix: '/assets/',
      nonce: 'n1',
    });
    expect(preloads().map((l) => l.href)).toEqual([
      `${ALIPLAYER_CDN_BASE}/${ALIPLAYER_PLAYAUTH_MODULE}`,
      `${location.origin}/assets/${ALIPLAYER_PLAYAUTH_MODULE}`,
    ]);
    expect(preloads()[1]?.getAttribute('nonce')).toBe('n1');
    const script = scripts().find((s) => s.src.endsWith('/sdk/aliplayer-min.js'));
    finishLoading(script as HTMLScriptElement);
    await self;
  });

  it('adds no duplicate after a failed load, nor when the page has it or the module ran', async () => {
    const failing = loadAliplayer('/a');
    onlyScript().dispatchEvent(new Event('error'));
    await failing.catch(() => {});
    const retry = loadAliplayer('/a');
    expect(preloads()).toHaveLength(1);
    finishLoading(onlyScript());
    await retry;

    resetAliplayerLoader();
    document.head.replaceChildren();
    const own = document.createElement('link');
    own.rel = 'preload';
    own.as = 'script';
    own.href = `/b/${ALIPLAYER_PLAYAUTH_MODULE}`;
    document.head.append(own);
    const withLink = loadAliplayer('/b');
    expect(preloads()).toEqual([own]);
    finishLoading(scripts()[0] as HTMLScriptElement);
    await withLink;

    (window as WithAliplayer)._apesrap = {};
    const loaded = loadAliplayer('/c');
    expect(preloads()).toEqual([own]);
    finishLoading(
      scripts().find((s) => s.src.endsWith('/c/aliplayer-min.js')) as HTMLScriptElement,
    );
    await loaded;
  });

  it('preloads nothing for constructors, loader functions or on the server', async () => {
    await loadAliplayer(makeConstructor());
    await loadAliplayer(async () => makeConstructor());
    vi.stubGlobal('window', undefined);
    await loadAliplayer().catch(() => {});
    vi.unstubAllGlobals();
    expect(preloads()).toHaveLength(0);
  });
});

describe('loadAliplayer with a constructor or a loader function', () => {
  it('returns a given constructor as is, without loading anything', async () => {
    class Fake {
      play() {}
    }
    const withVersion = makeConstructor();
    await expect(loadAliplayer(Fake as unknown as AliplayerConstructor)).resolves.toBe(Fake);
    await expect(loadAliplayer(withVersion)).resolves.toBe(withVersion);
    expect(scripts()).toHaveLength(0);
  });

  it('accepts a loader resolving to the constructor, a module, or nothing after setting window.Aliplayer', async () => {
    const ctor = makeConstructor();
    await expect(loadAliplayer(async () => ctor)).resolves.toBe(ctor);
    await expect(loadAliplayer(async () => ({ default: ctor }))).resolves.toBe(ctor);
    await expect(loadAliplayer(async () => ({ default: { default: ctor } }))).resolves.toBe(ctor);
    const sideEffect = async () => {
      (window as WithAliplayer).Aliplayer = ctor;
      return {};
    };
    await expect(loadAliplayer(sideEffect)).resolves.toBe(ctor);
    expect(scripts()).toHaveLength(0);
  });

  it('runs one loader once, and again after it failed', async () => {
    const ctor = makeConstructor();
    const loader = vi.fn<() => Promise<unknown>>().mockRejectedValueOnce(new Error('chunk failed'));
    loader.mockResolvedValue(ctor);
    const first = await loadAliplayer(loader).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'SdkLoadFailed', retryable: true });
    expect((first as Error).cause).toBeInstanceOf(Error);
    await expect(loadAliplayer(loader)).resolves.toBe(ctor);
    await expect(loadAliplayer(loader)).resolves.toBe(ctor);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('rejects a loader that yields no constructor', async () => {
    await expect(loadAliplayer(async () => undefined)).rejects.toMatchObject({
      code: 'SdkLoadFailed',
    });
  });
});

describe('aliplayerAssetPrefix', () => {
  it('is the absolute build folder of the source, without trailing slash', () => {
    expect(aliplayerAssetPrefix()).toBe(ALIPLAYER_CDN_BASE);
    expect(aliplayerAssetPrefix()).toMatch(/^https:\/\/.*\d$/);
    expect(aliplayerAssetPrefix('/vendor/aliplayer/')).toBe(`${location.origin}/vendor/aliplayer`);
    expect(aliplayerAssetPrefix({ script: 'sdk/aliplayer-min.js' })).toBe(
      new URL('sdk', location.href).href,
    );
    expect(
      aliplayerAssetPrefix({
        script: 'https://cdn.example/x/aliplayer-min.js',
        assetPrefix: '/y/',
      }),
    ).toBe(`${location.origin}/y`);
  });

  it('is undefined for constructors and loaders (the SDK then uses its own CDN)', () => {
    expect(aliplayerAssetPrefix(makeConstructor())).toBeUndefined();
    expect(aliplayerAssetPrefix(async () => ({}))).toBeUndefined();
  });
});
