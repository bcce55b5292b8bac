import { errorReference } from './errorReference';

let counter = 0;

/**
 * A new element id that is safe as a CSS selector (`#` + id) and unique on the page, e.g.
 * `playauth-k3j9x2-1`. Aliplayer looks its container up with `document.querySelector('#' + id)`,
 * so ids such as React's `:r1:` cannot be used.
 *
 * @param prefix Leading part; must itself start with a letter and hold only `[A-Za-z0-9_-]`.
 *   Default `'playauth'`.
 */
export function createElementId(prefix = 'playauth'): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) {
    throw new TypeError(
      (typeof process < 'u' ? process.env.NODE_ENV : 'production') !== 'production'
        ? `createElementId: prefix ${JSON.stringify(prefix)} must match /^[A-Za-z][\\w-]*$/`
        : errorReference('InvalidParameter', prefix),
    );
  }
  counter += 1;
  // Random part keeps ids distinct across bundle copies and server/client renders; the counter
  // makes them distinct within one copy even if Math.random repeats.
  const random = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return `${prefix}-${random}-${counter.toString(36)}`;
}
