/**
 * Waits for a flow-control slot (flow-control.ts) before the attempt is sent and releases it when
 * the vendor's answer begins to arrive (`answered`), or when the attempt ends without one, however
 * it ends. The wait ends at the call's deadline too: a wait the deadline cut, or one that would
 * start past it, fails as the deadline (VENDOR_TIMEOUT), not as throttling. The call's `priority`
 * picks its lane (a background sweep yields to requests), its `caller` its turn among the callers
 * waiting (fair queuing); an attempt aborted before any answer keeps its slot a little longer
 * (releaseAfter). Options: `flow` (default UNLIMITED: no wait), `now` (the deadline's clock).
 */
import { releaseAfter, UNLIMITED, type FlowControl } from '../flow-control.js';
import type { Interceptor } from './dispatch.js';
import { deadlineError, pastDeadline } from './deadline.js';

export function flowControl(flow: FlowControl = UNLIMITED, now: () => number): Interceptor {
  return (next) => async (attempt) => {
    const { api, signal, deadline, priority, caller } = attempt.call;
    if (pastDeadline(attempt.call, now)) throw deadlineError(attempt.call);
    let release: () => void;
    try {
      release = await flow.acquire(api, { signal, deadline, priority, caller });
    } catch (err) {
      throw pastDeadline(attempt.call, now) ? deadlineError(attempt.call, err) : err;
    }
    // Sent from here on: the vendor counts it, and so does the caller's budget.
    caller?.sent();
    try {
      // The slot's call ends for the window when the vendor's answer begins: the vendor counted
      // the request on arrival, before answering (flow-control.ts, why that is safe).
      return await next({
        ...attempt,
        answered: () => {
          release();
          attempt.answered();
        },
      });
    } finally {
      releaseAfter(release, signal);
    }
  };
}
