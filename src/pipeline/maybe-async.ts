/**
 * A value that is usually ready now and only sometimes has to wait (a cache hit versus a trip to
 * the file system). Served from memory, a request costs no promise and no microtask; a miss takes
 * the asynchronous path with the same code.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `f(value)`, now when the value is ready, after it settles when it is not. */
export function andThen<T, U>(value: MaybePromise<T>, f: (ready: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
