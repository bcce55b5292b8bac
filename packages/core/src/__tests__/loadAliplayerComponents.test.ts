// @vitest-environment jsdom
// Aliplayer component scripts: loaded once per page after the SDK, before a player is built.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Aliplayer, AliplayerOptions } from '../Aliplayer';
import { loadAliplayer, resetAliplayerLoader } from '../loadAliplayer';
import { buildAliplayerOptions } from '../PlayerControllerOptions';
import { isPlayerError } from '../PlayerError';

type Globals = { Aliplayer?: unknown; AliPlayerComponent?: unknown };
const ctor = function (this: unknown, _options: AliplayerOptions) {} as unknown as new (
  options: AliplayerOptions,
) => Aliplayer;

const scripts = () => [...document.head.querySelectorAll('script')];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const source = {
  script: 'https://cdn.example.com/aliplayer/aliplayer-min.js',
  css: false as const,
  components: ['aliplayercomponents-1.1.2.min.js', 'https://other.example.com/marquee.js'],
};

beforeEach(() => {
  resetAliplayerLoader();
  document.head.replaceChildren();
  delete (window as Globals).Aliplayer;
  delete (window as Globals).AliPlayerComponent;
});

afterEach(() => {
  delete (window as Globals).AliPlayerComponent;
});

describe('loadAliplayer with components', () => {
  it('loads them in order after the SDK, from its base, and resolves after the last', async () => {
    let resolved = false;
    const promise = loadAliplayer(source).then((value) => {
      resolved = true;
      return value;
    });
    expect(scripts().map((s) => s.src)).toEqual([source.script]);
    (window as Globals).Aliplayer = ctor;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await flush();
    expect(scripts().map((s) => s.src)).toEqual([
      source.script,
      'https://cdn.example.com/aliplayer/aliplayercomponents-1.1.2.min.js',
    ]);
    scripts()[1]?.dispatchEvent(new Event('load'));
    await flush();
    expect(resolved).toBe(false);
    expect(scripts()[2]?.src).toBe('https://other.example.com/marquee.js');
    scripts()[2]?.dispatchEvent(new Event('load'));
    await expect(promise).resolves.toBe(ctor);
  });

  it('loads each once per page, also for another player with the same source', async () => {
    const first = loadAliplayer(source);
    (window as Globals).Aliplayer = ctor;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await flush();
    scripts()[1]?.dispatchEvent(new Event('load'));
    await flush();
    scripts()[2]?.dispatchEvent(new Event('load'));
    await first;
    resetAliplayerLoader(); // even a fresh loader copy finds the loaded tags
    await expect(loadAliplayer(source)).resolves.toBe(ctor);
    expect(scripts()).toHaveLength(3);
  });

  it('fails with SdkLoadFailed naming the component, and a retry loads it again', async () => {
    const promise = loadAliplayer({ ...source, components: ['broken.js'] });
    (window as Globals).Aliplayer = ctor;
    scripts()[0]?.dispatchEvent(new Event('load'));
    await flush();
    scripts()[1]?.dispatchEvent(new Event('error'));
    const error = await promise.catch((caught: unknown) => caught);
    expect(isPlayerError(error) && error.code).toBe('SdkLoadFailed');
    expect((error as Error).message).toContain('https://cdn.example.com/aliplayer/broken.js');
    expect(scripts()).toHaveLength(1);
    const retry = loadAliplayer({ ...source, components: ['broken.js'] });
    await flush();
    expect(scripts()).toHaveLength(2);
    scripts()[1]?.dispatchEvent(new Event('load'));
    await expect(retry).resolves.toBe(ctor);
  });
});

describe('buildAliplayerOptions with components', () => {
  it('resolves string types from window.AliPlayerComponent and keeps classes as they are', () => {
    class Marquee {}
    class Custom {}
    (window as Globals).AliPlayerComponent = { MarqueeComponent: Marquee };
    const options = buildAliplayerOptions(
      {
        options: {
          components: [
            { name: 'marquee', type: 'MarqueeComponent', args: ['hello'] },
            { name: 'custom', type: Custom },
          ],
        },
      },
      { id: 'p', vid: 'v', playauth: 'x' },
    );
    expect(options.components).toEqual([
      { name: 'marquee', type: Marquee, args: ['hello'] },
      { name: 'custom', type: Custom },
    ]);
  });
});
