/** The circuit breaker's states and the flow controller's queueing, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { CircuitOpenError, createBreakers } from '../../src/upstream/breaker.js';
import { VendorError } from '../../src/upstream/vendor-error.js';
import {
  createFlowControl,
  createLocalRateWindow,
  IN_FLIGHT_POLL_MS,
  inSlot,
} from '../../src/upstream/flow-control.js';

const down = () =>
  Promise.reject(
    new VendorError({
      vendor: 'bss',
      code: 'VENDOR_TIMEOUT',
      message: 't',
      kind: 'transport',
      api: 'A',
    }),
  );
const refused = () =>
  Promise.reject(
    new VendorError({
      vendor: 'bss',
      code: 'InvalidParameter',
      message: 'x',
      kind: 'business',
      api: 'A',
    }),
  );

describe('breaker', () => {
  it('opens after consecutive outages, fails fast, probes once, closes on success', async () => {
    let t = 0;
    const states: string[] = [];
    const b = createBreakers('bss', {
      failureThreshold: 3,
      openMs: 100,
      now: () => t,
      onStateChange: (_api, s) => states.push(s),
    });
    for (let i = 0; i < 3; i++) await expect(b.guard('A', down)).rejects.toThrow(VendorError);
    expect(b.state('A')).toBe('open');
    let called = false;
    await expect(b.guard('A', async () => (called = true))).rejects.toThrow(CircuitOpenError);
    expect(called).toBe(false);
    expect(b.state('B')).toBe('closed'); // per API
    t = 100;
    // Half-open: one probe; a concurrent call still fails fast.
    let release!: () => void;
    const probe = b.guard('A', () => new Promise<void>((r) => (release = r)));
    await expect(b.guard('A', async () => 1)).rejects.toThrow(CircuitOpenError);
    release();
    await probe;
    expect(b.state('A')).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe re-opens; refusals count as the vendor being up', async () => {
    let t = 0;
    const b = createBreakers('bss', { failureThreshold: 2, openMs: 50, now: () => t });
    await expect(b.guard('A', down)).rejects.toThrow();
    await expect(b.guard('A', refused)).rejects.toThrow();
    await expect(b.guard('A', down)).rejects.toThrow();
    expect(b.state('A')).toBe('closed');
    await expect(b.guard('A', down)).rejects.toThrow();
    expect(b.state('A')).toBe('open');
    t = 50;
    await expect(b.guard('A', down)).rejects.toThrow(VendorError);
    expect(b.state('A')).toBe('open');
  });
});

describe('flow control', () => {
  it('queues past the limit in order instead of failing', async () => {
    const flow = createFlowControl({
      vendor: 'bss',
      window: createLocalRateWindow(3, 100),
      maxWaitMs: 5_000,
    });
    const started = performance.now();
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        flow.acquire('QueryOrders').then((release) => {
          done.push(i);
          release();
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // 3 now, 3 after one window, 1 after two.
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('holds a slot while its call is in flight and counts it for a window after it ends', async () => {
    let t = 0;
    const window = createLocalRateWindow(2, 100, () => t);
    const first = await window.tryTake();
    const second = await window.tryTake();
    if (typeof first === 'number' || typeof second === 'number') throw new Error('no slot');
    t = 500; // long past a window since they were sent, but both calls are still running
    expect(await window.tryTake()).toBe(IN_FLIGHT_POLL_MS);
    first();
    first(); // a second release changes nothing
    t = 550;
    expect(await window.tryTake()).toBe(50); // the first call's slot frees 100 ms after it ended
    t = 600;
    expect(typeof (await window.tryTake())).toBe('function');
  });

  it('releases the slot when the call fails too', async () => {
    const flow = createFlowControl({
      vendor: 'bss',
      window: createLocalRateWindow(1, 10),
      maxWaitMs: 300,
    });
    await expect(
      inSlot(flow, 'A', {}, async () => {
        throw new Error('vendor down');
      }),
    ).rejects.toThrow('vendor down');
    // Released: free again one window after the failure (held, it would time out in the queue).
    const release = await flow.acquire('A');
    release();
    flow.close();
  });

  it('serves waiting requests before background calls, and leaves a background call headroom', async () => {
    const flow = createFlowControl({
      vendor: 'bss',
      window: createLocalRateWindow(3, 100),
      maxWaitMs: 5_000,
    });
    const order: string[] = [];
    const take = (name: string, priority: 'request' | 'background') =>
      flow.acquire('QueryOrders', { priority }).then((release) => {
        order.push(name);
        release();
      });
    // Background calls leave one of the 3 slots free: the request arriving after them gets it.
    const background = [
      take('b1', 'background'),
      take('b2', 'background'),
      take('b3', 'background'),
    ];
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['b1', 'b2']);
    await take('r1', 'request');
    expect(order).toEqual(['b1', 'b2', 'r1']);
    // Window full: a request queued behind waiting background calls is still served first.
    const r2 = take('r2', 'request');
    await Promise.all([...background, r2]);
    expect(order).toEqual(['b1', 'b2', 'r1', 'r2', 'b3']);
    flow.close();
  });

  it('keeps one window per API when given one per API', async () => {
    const flow = createFlowControl({
      vendor: 'bss',
      window: () => createLocalRateWindow(1, 10_000),
      maxWaitMs: 50,
    });
    await flow.acquire('QueryOrders');
    // GetOrderDetail has its own slot; QueryOrders's is taken for the whole window.
    await expect(flow.acquire('GetOrderDetail')).resolves.toBeTypeOf('function');
    await expect(flow.acquire('QueryOrders')).rejects.toMatchObject({
      code: 'FlowControl.QueueTimeout',
    });
    flow.close();
  });

  it('gives up after maxWaitMs as throttled, and leaves on abort', async () => {
    const flow = createFlowControl({
      vendor: 'bss',
      window: createLocalRateWindow(1, 10_000),
      maxWaitMs: 50,
    });
    await flow.acquire('A');
    await expect(flow.acquire('A')).rejects.toMatchObject({ code: 'FlowControl.QueueTimeout' });
    const abort = new AbortController();
    const waiting = flow.acquire('A', { signal: abort.signal });
    expect(flow.queued()).toBe(1);
    abort.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    expect(flow.queued()).toBe(0);
    flow.close();
  });
});
