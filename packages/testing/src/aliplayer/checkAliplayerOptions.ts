import type { AliplayerOptions } from '@playauth/core';

/**
 * The SDK's synchronous constructor checks, with its error types (observed in 2.37.7): `id`
 * goes into a CSS selector, so an element or React's `:r1:` throws a `SyntaxError`
 * (DOMException); no element with that id throws a `TypeError`; no `playauth` (or `PlayAuth`;
 * `playAuth` is ignored) throws an `Error`, unless a direct `source` is given.
 *
 * @returns The container and the PlayAuth (`undefined` in `source` mode).
 */
export function checkAliplayerOptions(options: AliplayerOptions): {
  container: HTMLElement;
  playauth: string | undefined;
} {
  const id = String(options?.id);
  let container: HTMLElement | null;
  try {
    container = document.querySelector<HTMLElement>(`#${id}`);
  } catch {
    throw new DOMException(
      `'#${id}' is not a valid selector: Aliplayer option "id" must be the container element's id as a string that works in a CSS selector (not the element, not a React useId() value)`,
      'SyntaxError',
    );
  }
  if (!container) {
    throw new TypeError(
      `没有为播放器指定容器 (no container for the player): no element "#${id}" in the document; render it before creating the player`,
    );
  }
  const playauth = [options.playauth, options.PlayAuth].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  if (!playauth && !options.source) {
    throw new Error(
      `vid=${String(options.vid)} playauth='', playauth property is required by VOD(视频点播) as new Aliplayer. (Pass "playauth" in lower case: "playAuth" is ignored.)`,
    );
  }
  return { container, playauth };
}
