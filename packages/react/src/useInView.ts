import { useEffect, useState } from 'react';

/**
 * Whether `element` has come near the viewport (within `rootMargin`) at least once. Latches: once
 * `true` it stays `true`, so a player that started loading is not torn down when scrolled away.
 * Where `IntersectionObserver` is missing it reports `true` at once; on the server it stays
 * `false` (effects only).
 *
 * @param element - The element to watch (from a callback ref); `null` watches nothing.
 * @param enabled - Watch only while `true`. Default `true`.
 * @param rootMargin - Grow the viewport by this much, so loading starts just before. Default `'200px'`.
 * @example
 * ```tsx
 * const [element, setElement] = useState<HTMLElement | null>(null);
 * const inView = useInView(element);
 * return <section ref={setElement}>{inView ? <Heavy /> : null}</section>;
 * ```
 */
export function useInView(element: Element | null, enabled = true, rootMargin = '200px'): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    if (!enabled || !element || inView) return;
    if (typeof IntersectionObserver === 'undefined') {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setInView(true);
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, enabled, inView, rootMargin]);
  return inView;
}
