/**
 * The flow control's schedule against the vendor's limit as the emulator enforces it (a sliding
 * one-second window of arrivals, src/emulator/rate-window.ts): the real pipeline, flow control and
 * local window, on fake timers, around an exchange whose request reaches the vendor some time
 * after its slot was granted and whose answer begins some time after that
 * (docs/billing-index.md#one-budget).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { admit, SlidingWindow } from '../../src/emulator/rate-window.js';
import { createFlowControl, createLocalRateWindow } from '../../src/upstream/flow-control.js';
import type { Dispatch } from '../../src/upstream/pipeline/dispatch.js';
import { createVendorPipeline } from '../../src/upstream/pipeline/vendor-pipeline.js';

const LIMIT = 10;
const RUN_MS = 30_000;

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A deterministic pseudo-random source (LCG), one per run. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

interface Delays {
  /** Grant to the vendor's arrival (our event loop, the connection pool, the network). */
  toArrival: () => number;
  /** Arrival to the first byte of the answer (the vendor's work). */
  toAnswer: () => number;
  /** The answer's first byte to the call's end (the body's transfer, decoding). */
  toEnd: () => number;
  /** When the exchange reports the answer (default: when it began). */
  answeredAt?: 'answer' | 'grant+50ms';
  /** Every call a request (default: a third requests, the rest background, as sweeps). */
  requestsOnly?: boolean;
}

/** Workers calling through one flow control for RUN_MS: the calls and the vendor's refusals. */
async function run(delays: Delays, workers = 30) {
  const vendor = new SlidingWindow(LIMIT);
  const flow = createFlowControl({
    vendor: 'bss',
    window: createLocalRateWindow(LIMIT),
    maxWaitMs: RUN_MS * 2,
  });
  const pipeline = createVendorPipeline({ timeoutMs: 60_000, now: Date.now, flow });
  const start = Date.now();
  let arrived = 0;
  let refused = 0;
  /** Arrivals at the vendor within RUN_MS (calls queued before the end arrive after it). */
  let inRun = 0;
  const exchange: Dispatch<void> = async (attempt) => {
    const early = delays.answeredAt === 'grant+50ms';
    if (early) setTimeout(() => attempt.answered(), 50);
    await sleep(delays.toArrival());
    if (admit([vendor], Date.now()) === undefined) arrived++;
    else refused++;
    if (Date.now() < start + RUN_MS) inRun++;
    await sleep(delays.toAnswer());
    if (!early) attempt.answered();
    await sleep(delays.toEnd());
  };
  const end = start + RUN_MS;
  const worker = async (i: number) => {
    const call = {
      vendor: 'bss' as const,
      api: 'QueryOrders',
      write: true, // sent once: a refusal is counted, never retried
      priority: delays.requestsOnly || i % 3 === 0 ? ('request' as const) : ('background' as const),
    };
    while (Date.now() < end) await pipeline(call, exchange);
  };
  const done = Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  await vi.advanceTimersByTimeAsync(RUN_MS + 10_000);
  await done;
  flow.close();
  return { arrived, refused, inRun };
}

describe('flow-control schedule against the vendor window', () => {
  it('never lets the vendor see more than its limit in a second, however late requests arrive and answers begin', async () => {
    const random = seeded(7);
    // Each delay at its extremes as often as in between: bunched arrivals are the risk.
    const spread = (max: number) => () => {
      const r = random();
      return r < 0.3 ? 0 : r > 0.7 ? max : Math.floor(random() * max);
    };
    const result = await run({
      toArrival: spread(300),
      toAnswer: spread(200),
      toEnd: spread(500),
    });
    expect(result.refused).toBe(0);
    expect(result.arrived).toBeGreaterThan(RUN_MS / 1000); // it ran, at more than 1 call/s
  });

  it('a schedule counting calls from their grant plus a margin overshoots once arrivals lag past it', async () => {
    const random = seeded(7);
    // The same simulation detects the overshoot: the exchange releases 50 ms after the grant
    // while the request reaches the vendor up to 300 ms after it.
    const result = await run({
      toArrival: () => (random() < 0.5 ? 0 : 300),
      toAnswer: () => 10,
      toEnd: () => 10,
      answeredAt: 'grant+50ms',
    });
    expect(result.refused).toBeGreaterThan(0);
  });

  it('sustains limit / (1 s + the time to the answer): the body and its decoding hold no slot', async () => {
    // 100 ms to the answer, then 400 ms of body: each slot is used again 1.1 s after its grant,
    // where holding it to the call's end would take 1.5 s. Requests only: no headroom.
    const result = await run(
      { toArrival: () => 20, toAnswer: () => 80, toEnd: () => 400, requestsOnly: true },
      15,
    );
    const cycles = Math.ceil(RUN_MS / 1_100);
    expect(result.refused).toBe(0);
    expect(result.inRun).toBeLessThanOrEqual(LIMIT * cycles);
    expect(result.inRun).toBeGreaterThan(0.97 * LIMIT * cycles);
    expect(result.inRun).toBeGreaterThan(LIMIT * Math.ceil(RUN_MS / 1_500));
  });
});
