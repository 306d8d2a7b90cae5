/**
 * The call pipeline's composition: which stage wraps which, and what each sees, with the real
 * breaker and flow control around a scripted exchange.
 */
import { describe, expect, it } from 'vitest';
import { createBreakers } from '../../src/upstream/breaker.js';
import type { CallEvent } from '../../src/upstream/call-event.js';
import {
  createFlowControl,
  createLocalRateWindow,
  type FlowControl,
} from '../../src/upstream/flow-control.js';
import { compose, type Attempt, type Interceptor } from '../../src/upstream/pipeline/dispatch.js';
import { READ_RETRY_POLICY } from '../../src/upstream/pipeline/retry.js';
import { createVendorPipeline } from '../../src/upstream/pipeline/vendor-pipeline.js';
import { VendorError } from '../../src/upstream/vendor-error.js';
import { vendorError } from '../vendor-rejection.js';

const unavailable = () =>
  new VendorError({ vendor: 'ilop', code: '503', message: 'm', kind: 'business', api: '/p' });
const quickRetries = { ...READ_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2 };
const read = { vendor: 'ilop' as const, api: '/p', write: false };

/** Counts acquisitions of a real flow control. */
function counted(flow: FlowControl) {
  let acquired = 0;
  return {
    flow: { ...flow, acquire: (api, o) => (acquired++, flow.acquire(api, o)) } as FlowControl,
    acquired: () => acquired,
  };
}

describe('compose', () => {
  it('the first interceptor listed is the outermost', async () => {
    const log: string[] = [];
    const stage =
      (name: string): Interceptor =>
      (next) =>
      async (a) => {
        log.push(`${name}>`);
        try {
          return await next(a);
        } finally {
          log.push(`<${name}`);
        }
      };
    const run = compose(stage('a'), stage('b'))(async () => log.push('exchange'));
    await run({ call: read, n: 1, timeoutMs: 1, status: () => {}, answered: () => {} });
    expect(log).toEqual(['a>', 'b>', 'exchange', '<b', '<a']);
  });
});

describe('vendor pipeline', () => {
  it('retries outermost: every attempt is its own call event, numbered, with its status', async () => {
    const events: CallEvent[] = [];
    const pipeline = createVendorPipeline({
      timeoutMs: 1000,
      now: Date.now,
      retryPolicy: quickRetries,
      onCall: (e) => events.push(e),
    });
    let n = 0;
    const value = await pipeline(read, async (a: Attempt) => {
      a.status(200);
      if (++n < 3) throw unavailable();
      return a.n;
    });
    expect(value).toBe(3);
    expect(events.map((e) => [e.attempt, e.outcome, e.httpStatus])).toEqual([
      [1, '503', 200],
      [2, '503', 200],
      [3, 'ok', 200],
    ]);
  });

  it('writes are sent once', async () => {
    const pipeline = createVendorPipeline({
      timeoutMs: 1000,
      now: Date.now,
      retryPolicy: quickRetries,
    });
    let sent = 0;
    const err = await vendorError(
      pipeline({ ...read, write: true }, async () => {
        sent++;
        throw unavailable();
      }),
    );
    expect(err.code).toBe('503');
    expect(sent).toBe(1);
  });

  it('the breaker sits outside flow control: an open circuit takes no slot, and events see it', async () => {
    const events: CallEvent[] = [];
    const breakers = createBreakers('ilop', { failureThreshold: 1, openMs: 60_000 });
    const { flow, acquired } = counted(roomyFlow());
    const pipeline = createVendorPipeline({
      timeoutMs: 1000,
      now: Date.now,
      retryPolicy: { ...quickRetries, maxRetries: 0 },
      onCall: (e) => events.push(e),
      breakers,
      flow,
    });
    await vendorError(pipeline(read, async () => Promise.reject(unavailable())));
    expect(breakers.state('/p')).toBe('open');
    expect(acquired()).toBe(1);
    const refused = await vendorError(pipeline(read, async () => 'never sent'));
    expect(refused.category).toBe('circuit-open');
    expect(acquired()).toBe(1);
    expect(events.map((e) => e.outcome)).toEqual(['503', 'VENDOR_UNAVAILABLE']);
  });

  it('the deadline cuts the attempt time and sends nothing once passed, without tripping the breaker', async () => {
    const breakers = createBreakers('ilop', { failureThreshold: 1, openMs: 60_000 });
    // A clock that stands still: the budget is exactly what the deadline leaves.
    const T = Date.UTC(2026, 0, 1);
    const pipeline = createVendorPipeline({ timeoutMs: 1000, now: () => T, breakers });
    const budget = await pipeline({ ...read, deadline: T + 200 }, async (a) => a.timeoutMs);
    expect(budget).toBe(200);
    expect(await pipeline({ ...read, deadline: T + 5000 }, async (a) => a.timeoutMs)).toBe(1000);
    let sent = 0;
    const err = await vendorError(
      pipeline({ ...read, deadline: T - 1 }, async () => (sent++, 'x')),
    );
    expect(err).toMatchObject({ code: 'VENDOR_TIMEOUT', category: 'deadline' });
    expect(sent).toBe(0);
    expect(breakers.state('/p')).toBe('closed');
  });

  it('no retry starts past the deadline: the error in hand is the answer', async () => {
    // The clock stands still: were the retry's wait (at least 250 ms) started, the deadline 200 ms
    // on would still be ahead when it ended, and the retry would be sent.
    const T = Date.UTC(2026, 0, 1);
    const pipeline = createVendorPipeline({
      timeoutMs: 1000,
      now: () => T,
      retryPolicy: { ...READ_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 500 },
    });
    let sent = 0;
    const err = await vendorError(
      pipeline({ ...read, deadline: T + 200 }, async () => {
        sent++;
        throw unavailable();
      }),
    );
    expect(err.code).toBe('503');
    expect(sent).toBe(1);
  });

  it('a flow-control wait the deadline cuts is VENDOR_TIMEOUT, not throttling', async () => {
    const flow = createFlowControl({
      vendor: 'ilop',
      window: createLocalRateWindow(1),
      maxWaitMs: 10_000,
    });
    const pipeline = createVendorPipeline({ timeoutMs: 1000, now: Date.now, flow });
    let releaseFirst!: () => void;
    const first = pipeline(read, () => new Promise<void>((r) => (releaseFirst = r)));
    const err = await vendorError(
      pipeline({ ...read, deadline: Date.now() + 50 }, async () => 'never sent'),
    );
    expect(err).toMatchObject({ code: 'VENDOR_TIMEOUT', category: 'deadline' });
    releaseFirst();
    await first;
    flow.close();
  });
});

/** Room for every call here: only counting matters. */
function roomyFlow(): FlowControl {
  return createFlowControl({ vendor: 'ilop', window: createLocalRateWindow(100), maxWaitMs: 1000 });
}
