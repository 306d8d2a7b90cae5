/**
 * A value now or a promise of it: warm cache hits answer synchronously, so a hit costs no
 * microtask and DataLoader can batch in the same tick. These helpers keep the value synchronous
 * when it is, and are the only place that asks which of the two it is.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `onValue` now when the value is at hand, else once it resolves (`onError` if it rejects). */
export function whenReady<T, R>(
  value: MaybePromise<T>,
  onValue: (value: T) => MaybePromise<R>,
  onError?: (err: unknown) => MaybePromise<R>,
): MaybePromise<R> {
  return value instanceof Promise ? value.then(onValue, onError) : onValue(value);
}

/** Every value, in order; synchronous when none is a promise. */
export function allReady<T>(values: readonly MaybePromise<T>[]): MaybePromise<T[]> {
  return values.some((v) => v instanceof Promise) ? Promise.all(values) : [...(values as T[])];
}
