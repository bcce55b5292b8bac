import { act, type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Renders `node` in StrictMode into a fresh element appended to the document, as the jsdom
 * figures mount their players. Returns the function that unmounts it and removes the element.
 *
 * @example
 * ```tsx
 * const unmount = renderStrict(<VodPlayer videoId="v1" sdk={FakeAliplayer} />);
 * await advance(1000);
 * unmount();
 * ```
 */
export function renderStrict(node: ReactNode): () => void {
  const element = document.createElement('div');
  document.body.append(element);
  const root = createRoot(element);
  act(() => root.render(<StrictMode>{node}</StrictMode>));
  return () => {
    act(() => root.unmount());
    element.remove();
  };
}
