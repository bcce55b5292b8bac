/** Marks the hidden element that torn-down and pooled players wait in. */
export const LINGERING_ATTRIBUTE = 'data-playauth-lingering';

let holder: HTMLElement | undefined;

/**
 * Moves `element` into one hidden holder at the end of `<body>`: out of the app's container but
 * still in the document, where the SDK's `document.querySelector('#id …')` keeps finding it.
 */
export function parkHidden(element: HTMLElement): void {
  const document = element.ownerDocument;
  if (holder?.ownerDocument !== document) {
    holder = document.createElement('div');
    holder.setAttribute(LINGERING_ATTRIBUTE, '');
    holder.hidden = true;
    // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
    holder.style.display = 'none';
  }
  if (!holder.isConnected) (document.body ?? document.documentElement).appendChild(holder);
  holder.appendChild(element);
}

/** Removes the holder once nothing waits in it. */
export function releaseHidden(): void {
  if (holder?.hasChildNodes() === false) {
    holder.remove();
    holder = undefined;
  }
}
