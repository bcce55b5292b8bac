/**
 * The element a player lives in, with what it looked like before the SDK touched it.
 * `Aliplayer.dispose()` empties the element but leaves class `prism-player` (and other
 * `prism-*` state classes) and the inline size it set; {@link PlayerContainer.clean} undoes that
 * without touching what the app put there itself.
 */
export class PlayerContainer {
  private readonly classes: ReadonlySet<string>;
  private readonly width: string;
  private readonly height: string;

  constructor(readonly element: HTMLElement) {
    this.classes = new Set(element.classList);
    this.width = element.style.width;
    this.height = element.style.height;
  }

  /** Removes the SDK's classes and restores the inline width and height seen at attach time. */
  clean(): void {
    const { element } = this;
    for (const name of [...element.classList]) {
      if (name.startsWith('prism') && !this.classes.has(name)) element.classList.remove(name);
    }
    element.style.width = this.width;
    element.style.height = this.height;
    if (element.getAttribute('class') === '') element.removeAttribute('class');
    if (element.getAttribute('style') === '') element.removeAttribute('style');
  }
}
