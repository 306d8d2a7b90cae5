/**
 * A Node AbortSignal that follows the HTTP request's signal. The server adapter's signal is its
 * own EventTarget, not Node's AbortSignal: Node 24's `AbortSignal.any` rejects it, and once
 * combined it stops reporting `aborted`. Listening for its `abort` event works on every line.
 */
import { setMaxListeners } from 'node:events';

const following = new WeakMap<AbortSignal, () => void>();

export function followRequestSignal(requestSignal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  // Each vendor call of the request listens on it while it waits for a flow-control slot (and
  // stops when it settles): a fan-out past Node's 10 is the normal case, not a leak.
  setMaxListeners(0, controller.signal);
  if (requestSignal.aborted) {
    controller.abort(requestSignal.reason);
  } else {
    // `once` drops the listener when it fires; otherwise it goes with the request's signal,
    // which lives no longer than the request (or with stopFollowing).
    const onAbort = () => controller.abort(requestSignal.reason);
    requestSignal.addEventListener('abort', onAbort, { once: true });
    following.set(controller.signal, () => requestSignal.removeEventListener('abort', onAbort));
  }
  return controller.signal;
}

/**
 * The request's signal lets go of `signal`, which no longer aborts with it: for a subscription
 * whose start is over, whose request lives as long as its stream.
 */
export function stopFollowing(signal: AbortSignal): void {
  following.get(signal)?.();
  following.delete(signal);
}
