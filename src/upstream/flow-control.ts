/**
 * Client-side flow control per vendor account: calls wait in a FIFO queue for a slot of a sliding
 * one-second window, so we stay under the vendor's QPS (BSS QueryOrders: 10 per second per
 * account, docs/vendors.md#bss) by queueing instead of collecting Throttling.User. The window itself is
 * pluggable: in-process, or shared by every replica (src/redis-rate-window.ts).
 *
 * A slot is held while its call is in flight and counts for a window after the call ends, not
 * after it was sent. The vendor counts arrivals, which fall somewhere between our send and our
 * receipt of its answer; holding the slot over that whole span makes "at most `limit` in any
 * second" hold at the vendor however much network, pool or event-loop delay sits in between.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VendorError, type Vendor } from './vendor-error.js';

/** Ends a slot's call; the slot then counts for one more window. Safe to call twice. */
export type Release = () => void;

/** A sliding window of slots. */
export interface RateWindow {
  /** Takes a slot (held until released), or returns the ms until it is worth asking again. */
  tryTake(): Promise<Release | number>;
}

/** The vendor's window (one second); see the file comment for why no margin is needed. */
export const FLOW_WINDOW_MS = 1_000;

/** How often a full window of calls still in flight is asked again (their ends are unknown). */
export const IN_FLIGHT_POLL_MS = 20;

/** `limit` may change over time (a function): a replica's share while Redis is down. */
export function createLocalRateWindow(
  limit: number | (() => number),
  windowMs = FLOW_WINDOW_MS,
  now: () => number = Date.now,
): RateWindow {
  // Each slot's end: Infinity while its call is in flight.
  const slots = new Set<{ end: number }>();
  const limitNow = typeof limit === 'number' ? () => limit : limit;
  return {
    async tryTake() {
      const t = now();
      let oldest = Infinity;
      for (const slot of slots) {
        if (slot.end <= t - windowMs) slots.delete(slot);
        else oldest = Math.min(oldest, slot.end);
      }
      if (slots.size < limitNow()) {
        const slot = { end: Infinity };
        slots.add(slot);
        return () => {
          if (slot.end === Infinity) slot.end = now();
        };
      }
      return oldest === Infinity ? IN_FLIGHT_POLL_MS : Math.max(1, oldest + windowMs - t);
    },
  };
}

export interface CallSlotOptions {
  signal?: AbortSignal;
  deadline?: number;
}

export interface FlowControl {
  /**
   * Resolves with the slot's release when the call may be sent; rejects on abort, deadline or a
   * too long wait. The caller releases when the call has ended, however it ended.
   */
  acquire(api: string, opts?: CallSlotOptions): Promise<Release>;
  /** Calls waiting now (a metrics gauge). */
  queued(): number;
  close(): void;
}

export interface FlowControlOptions {
  vendor: Vendor;
  window: RateWindow;
  /** Longest wait in the queue; past it the call fails as throttled (VENDOR_RATE_LIMITED). */
  maxWaitMs: number;
  now?: () => number;
  /** How long each call waited (ms), for metrics. */
  onWait?: (waitedMs: number) => void;
}

interface Waiter {
  api: string;
  enqueuedAt: number;
  giveUpAt: number;
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

const noRelease: Release = () => {};

/** No limit: every call goes straight through. */
export const UNLIMITED: FlowControl = {
  acquire: async () => noRelease,
  queued: () => 0,
  close: () => {},
};

export function createFlowControl(options: FlowControlOptions): FlowControl {
  const now = options.now ?? Date.now;
  const queue: Waiter[] = [];
  let pumping = false;
  let closed = false;

  const throttled = (api: string, message: string) =>
    new VendorError({
      vendor: options.vendor,
      // Not a vendor code: the client sees VENDOR_RATE_LIMITED (message says "throttled").
      code: 'FlowControl.QueueTimeout',
      message,
      kind: 'gateway',
      api,
    });

  const drop = (w: Waiter) => {
    const i = queue.indexOf(w);
    if (i >= 0) queue.splice(i, 1);
    w.cleanup();
  };

  // One loop per process asks the window for the head of the queue: waiting calls cost no
  // window traffic (on Redis: one round trip per slot, not per waiter).
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && !closed) {
        const head = queue[0]!;
        if (now() >= head.giveUpAt) {
          drop(head);
          head.reject(throttled(head.api, `throttled locally: no slot within the wait limit`));
          continue;
        }
        const taken = await options.window.tryTake();
        if (typeof taken === 'number') {
          if (queue[0] === head) await sleep(Math.min(taken, Math.max(1, head.giveUpAt - now())));
          continue;
        }
        // The head may have left (abort) while we asked: the slot goes to whoever is first now.
        const first = queue[0];
        if (!first) {
          taken();
          continue;
        }
        drop(first);
        options.onWait?.(now() - first.enqueuedAt);
        first.resolve(taken);
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire(api, opts = {}) {
      if (closed) return Promise.reject(throttled(api, 'flow control closed'));
      opts.signal?.throwIfAborted();
      const t = now();
      const giveUpAt = Math.min(t + options.maxWaitMs, opts.deadline ?? Infinity);
      return new Promise<Release>((resolve, reject) => {
        const onAbort = () => {
          drop(waiter);
          reject(opts.signal?.reason);
        };
        const waiter: Waiter = {
          api,
          enqueuedAt: t,
          giveUpAt,
          resolve,
          reject,
          cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        pump().catch((err) => {
          // A broken window (e.g. Redis gone without fallback) fails the waiting calls.
          for (const w of queue.splice(0)) {
            w.cleanup();
            w.reject(err);
          }
        });
      });
    },
    queued: () => queue.length,
    close() {
      closed = true;
      for (const w of queue.splice(0)) {
        w.cleanup();
        w.reject(throttled(w.api, 'flow control closed'));
      }
    },
  };
}

/** Runs `call` in a slot of `flow`, released when the call ends however it ends. */
export async function inSlot<T>(
  flow: FlowControl,
  api: string,
  opts: CallSlotOptions,
  call: () => Promise<T>,
): Promise<T> {
  const release = await flow.acquire(api, opts);
  try {
    return await call();
  } finally {
    release();
  }
}
