/**
 * Runs an async job in a later macrotask, at most one at a time, cancellable. Callers of
 * {@link DeferredTask.schedule} share the pending run and learn when it ended. A macrotask (not
 * a microtask) so that a cancel anywhere in the current task, e.g. React StrictMode's
 * mount-unmount-mount, prevents the run entirely.
 */
export class DeferredTask {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The current run, scheduled or in progress (`undefined` when idle): its own token. */
  #run: object | undefined;
  #waiters: Array<() => void> = [];

  readonly #job: () => Promise<void>;

  constructor(job: () => Promise<void>) {
    this.#job = job;
  }

  /** Whether a run is scheduled or in progress. */
  get busy(): boolean {
    return this.#run !== undefined;
  }

  /** Schedules a run unless one is pending; resolves when that run ends or is cancelled. */
  schedule(): Promise<void> {
    const ended = new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
    });
    if (this.#run) return ended;
    const run = {};
    this.#run = run;
    this.#timer = setTimeout(() => {
      void this.#job().finally(() => {
        // A cancelled run's end no longer counts.
        if (run === this.#run) this.cancel();
      });
    }, 0);
    return ended;
  }

  /** Drops a scheduled run and forgets one in progress (its end no longer counts). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#run = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
