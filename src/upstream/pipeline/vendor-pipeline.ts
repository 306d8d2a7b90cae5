/**
 * The one call pipeline both vendor clients run, outermost first:
 * retry (reads, per attempt below) → call events → span → breaker (fail fast) → flow control
 * (queue for a slot) → deadline (the attempt's time) → the client's HTTP exchange.
 * Call events and spans see every attempt, including those the breaker or the queue refused; the
 * breaker never sees the queue's local refusals as the vendor's (their category says "not sent").
 */
import type { Breakers } from '../breaker.js';
import type { OnCall } from '../call-event.js';
import type { FlowControl } from '../flow-control.js';
import { breaker } from './breaker.js';
import { callEvents } from './call-events.js';
import { deadline } from './deadline.js';
import { compose, type Dispatch, type VendorCall } from './dispatch.js';
import { flowControl } from './flow-control.js';
import { retry, type RetryPolicy } from './retry.js';
import { span } from './span.js';

export interface PipelineOptions {
  /** Per-attempt timeout (ms) before the deadline cuts it. */
  timeoutMs: number;
  /** Clock of deadlines (epoch ms). */
  now: () => number;
  retryPolicy?: RetryPolicy;
  /** Jitter source, for tests. */
  random?: () => number;
  onCall?: OnCall;
  breakers?: Breakers;
  flow?: FlowControl;
}

export type VendorPipeline = <T>(call: VendorCall, exchange: Dispatch<T>) => Promise<T>;

export function createVendorPipeline(o: PipelineOptions): VendorPipeline {
  const wrap = compose(
    retry({ policy: o.retryPolicy, now: o.now, random: o.random }),
    callEvents(o.onCall),
    span,
    breaker(o.breakers),
    flowControl(o.flow, o.now),
    deadline(o.now),
  );
  return (call, exchange) =>
    wrap(exchange)({
      call,
      n: 1,
      timeoutMs: call.timeoutMs ?? o.timeoutMs,
      status: () => {},
      answered: () => {},
    });
}
