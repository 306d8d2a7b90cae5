/**
 * Reports every attempt (metrics, logs) through the client's `onCall` hook (call-event.ts); a
 * throwing hook never breaks the call. Option: `onCall`; none: the stage is left out.
 */
import type { OnCall } from '../call-event.js';
import { VendorError } from '../vendor-error.js';
import type { Interceptor } from './dispatch.js';

export function callEvents(onCall: OnCall | undefined): Interceptor {
  if (!onCall) return (next) => next;
  return (next) => async (attempt) => {
    const base = { vendor: attempt.call.vendor, api: attempt.call.api, attempt: attempt.n };
    const started = performance.now();
    let httpStatus: number | null = null;
    const emit = (outcome: string): void => {
      try {
        onCall({ ...base, durationMs: performance.now() - started, outcome, httpStatus });
      } catch {
        // Observability must not change the call's outcome.
      }
    };
    try {
      const value = await next({
        ...attempt,
        status: (s) => {
          httpStatus = s;
          attempt.status(s);
        },
      });
      emit('ok');
      return value;
    } catch (err) {
      if (err instanceof VendorError) {
        httpStatus = err.httpStatus ?? httpStatus;
        emit(err.code);
      } else emit(isAbort(err) ? 'ABORTED' : 'ERROR');
      throw err;
    }
  };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
