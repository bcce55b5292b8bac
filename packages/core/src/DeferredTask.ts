/**
 * Runs an async job in a later macrotask, at most one at a time, cancellable. Callers of
 * {@link DeferredTask.schedule} share the pending run and learn when it ended. A macrotask (not
 * a microtask) so that a cancel anywhere in the current task, e.g. React StrictMode's
 * mount-unmount-mount, prevents the run entirely.
 */
export class DeferredTask {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #token = 0;
  #waiters: Array<() => void> = [];

  readonly #job: () => Promise<void>;

  constructor(job: () => Promise<void>) {
    this.#job = job;
  }

  /** Whether a run is scheduled or in progress. */
  get busy(): boolean {
    return this.#timer !== undefined || this.#running;
  }

  /** Schedules a run unless one is pending; resolves when that run ends or is cancelled. */
  schedule(): Promise<void> {
    const ended = new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
    });
    if (this.busy) return ended;
    const token = this.#token;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = true;
      void this.#job().finally(() => {
        if (token !== this.#token) return;
        this.#running = false;
        this.#release();
      });
    }, 0);
    return ended;
  }

  /** Drops a scheduled run and forgets one in progress (its end no longer counts). */
  cancel(): void {
    this.#token += 1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#running = false;
    this.#release();
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
