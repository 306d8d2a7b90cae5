/**
 * The vendor call pipeline's shape, after undici's interceptors: an attempt dispatcher
 * `(attempt) => Promise<T>` wrapped by interceptors, each one concern in its own file, composed in
 * one place (vendor-pipeline.ts).
 */
import type { Caller } from '../caller.js';
import type { Priority } from '../flow-control.js';
import type { Vendor } from '../vendor-error.js';

/** One logical vendor call, however many attempts it takes. */
export interface VendorCall {
  vendor: Vendor;
  /** Living IoT path or BSS Action. */
  api: string;
  /** Writes (bind, create, purchase) are sent once, never retried. */
  write: boolean;
  /** The caller's abort signal (client disconnect). */
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms): nothing starts past it and attempts are cut short by it. */
  deadline?: number;
  /** This API's own per-attempt timeout (ms), over the client's (the 10 s server-timeout writes). */
  timeoutMs?: number;
  /** Flow-control lane (default `request`): a `background` call yields to every request. */
  priority?: Priority;
  /** Whose call (its fair turn in the flow-control queue, its tally of calls sent). */
  caller?: Caller;
}

export interface Attempt {
  call: VendorCall;
  /** 1 for the first. */
  n: number;
  /** How long this attempt's exchange may take (ms). */
  timeoutMs: number;
  /** Reports the HTTP status once a response arrived. */
  status(httpStatus: number): void;
  /**
   * The vendor's answer has begun to arrive (its status line): the request reached the vendor,
   * which counted it on arrival, before it answered. Called by the exchange, at most once.
   */
  answered(): void;
}

export type Dispatch<T> = (attempt: Attempt) => Promise<T>;

export type Interceptor = <T>(next: Dispatch<T>) => Dispatch<T>;

/** `compose(a, b)(exchange)` runs a around b around the exchange: the first listed is outermost. */
export function compose(...interceptors: Interceptor[]): <T>(exchange: Dispatch<T>) => Dispatch<T> {
  return <T>(exchange: Dispatch<T>) =>
    interceptors.reduceRight<Dispatch<T>>((next, intercept) => intercept(next), exchange);
}
