/** A registered listener; `internal` ones stand for the SDK's own UI listeners. */
interface Listener {
  handler: (event: never) => void;
  internal: boolean;
  once: boolean;
}

/** The event object handlers receive: `{ type, paramData }`, like the SDK's. */
export interface FakeEvent {
  type: string;
  paramData: unknown;
}

/**
 * Listener registry with the SDK's semantics: duplicates allowed, `off(name, handler)` removes
 * every registration of that handler (also one made with `one`), `off(name)` removes all of
 * them, the SDK's internal ones included. A handler that throws does not stop the others; its
 * error is reported through `report` (uncaught, like an exception in a DOM event listener).
 */
export class EventRegistry {
  readonly #listeners = new Map<string, Listener[]>();
  readonly #report: (error: unknown) => void;

  constructor(report: (error: unknown) => void) {
    this.#report = report;
  }

  add(
    name: string,
    handler: (event: never) => void,
    options: { internal?: boolean; once?: boolean } = {},
  ): void {
    if (typeof handler !== 'function') return;
    const list = this.#listeners.get(name) ?? [];
    list.push({ handler, internal: options.internal ?? false, once: options.once ?? false });
    this.#listeners.set(name, list);
  }

  /** Removes every registration of `handler`, or every listener of `name` when omitted. */
  remove(name: string, handler?: (event: never) => void): void {
    if (handler === undefined) {
      this.#listeners.delete(name);
      return;
    }
    const list = this.#listeners.get(name);
    if (!list) return;
    const kept = list.filter((listener) => listener.handler !== handler);
    if (kept.length > 0) this.#listeners.set(name, kept);
    else this.#listeners.delete(name);
  }

  /** Removes every listener of every event (what the SDK does after a licence error). */
  clear(): void {
    this.#listeners.clear();
  }

  /** Calls the listeners registered for `type` when it is emitted, in registration order. */
  emit(type: string, paramData: unknown): void {
    const list = this.#listeners.get(type);
    if (!list) return;
    const event: FakeEvent = { type, paramData };
    for (const listener of [...list]) {
      if (listener.once) this.#removeEntry(type, listener);
      try {
        (listener.handler as (event: FakeEvent) => void)(event);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  /** Number of listeners, optionally of one event, user-attached or internal. */
  count(name: string | undefined, internal: boolean): number {
    let total = 0;
    for (const [key, list] of this.#listeners) {
      if (name !== undefined && key !== name) continue;
      total += list.filter((listener) => listener.internal === internal).length;
    }
    return total;
  }

  #removeEntry(name: string, entry: Listener): void {
    const list = this.#listeners.get(name);
    if (!list) return;
    const kept = list.filter((listener) => listener !== entry);
    if (kept.length > 0) this.#listeners.set(name, kept);
    else this.#listeners.delete(name);
  }
}
