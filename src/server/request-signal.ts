/**
 * A Node AbortSignal that follows the HTTP request's signal. The server adapter's signal is its
 * own EventTarget, not Node's AbortSignal: Node 24's `AbortSignal.any` rejects it, and once
 * combined it stops reporting `aborted`. Listening for its `abort` event works on every line.
 */
export function followRequestSignal(requestSignal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (requestSignal.aborted) {
    controller.abort(requestSignal.reason);
  } else {
    // `once` drops the listener when it fires; otherwise it goes with the request's signal,
    // which lives no longer than the request.
    requestSignal.addEventListener('abort', () => controller.abort(requestSignal.reason), {
      once: true,
    });
  }
  return controller.signal;
}
