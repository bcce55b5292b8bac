/**
 * `promise`, or a rejection with `onLate()` once `ms` have passed. For commands to an external
 * store (Redis): a busy Node process runs timers before it reads sockets, so a reply that has
 * already arrived may still be unread when the timer fires; the rejection waits one turn of I/O
 * (`setImmediate`) so a loaded process does not call a healthy store slow.
 */
export async function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  onLate: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => setImmediate(() => reject(onLate())), ms);
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
