import type { CSSProperties } from 'react';
import type { VodPlayerProps } from './VodPlayer';

/**
 * The style of the `<section>` around a player (also the lazy entry's placeholder, so both take
 * the same space): `width`, `height` or else `aspectRatio`, then `style` on top. The background
 * is `--playauth-background` (default `#000`).
 */
export function playerFrameStyle(
  props: Pick<VodPlayerProps, 'width' | 'height' | 'aspectRatio' | 'style'>,
): CSSProperties {
  const { height, aspectRatio = 16 / 9 } = props;
  return {
    position: 'relative',
    overflow: 'hidden',
    background: 'var(--playauth-background,#000)',
    width: props.width ?? '100%',
    height,
    aspectRatio: height === undefined ? aspectRatio : undefined,
    ...props.style,
  };
}
