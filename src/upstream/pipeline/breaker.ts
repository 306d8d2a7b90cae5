/**
 * Fails fast while the API's circuit is open and records each attempt's outcome (breaker.ts).
 * Option: `breakers`; none: every call is sent.
 */
import type { Breakers } from '../breaker.js';
import type { Interceptor } from './dispatch.js';

export function breaker(breakers: Breakers | undefined): Interceptor {
  if (!breakers) return (next) => next;
  return (next) => (attempt) => breakers.guard(attempt.call.api, () => next(attempt));
}
