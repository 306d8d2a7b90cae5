/**
 * Client-side flow control per vendor account: calls wait in a FIFO queue for a slot of a sliding
 * one-second window, so we stay under the vendor's QPS (BSS QueryOrders: 10 per second per
 * account, protocol §B) by queueing instead of collecting Throttling.User. The window itself is
 * pluggable: in-process, or shared by every replica (src/redis-rate-window.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VendorError, type Vendor } from './errors.js';

/** A sliding window of slots. */
export interface RateWindow {
  /** Takes a slot and returns 0, or returns the ms until one may be free. */
  tryTake(): Promise<number>;
}

/**
 * Window length: a second plus a margin, because the vendor counts arrivals, which trail our
 * sends by network and pool jitter.
 */
export const FLOW_WINDOW_MS = 1_100;

export function createLocalRateWindow(
  limit: number,
  windowMs = FLOW_WINDOW_MS,
  now: () => number = Date.now,
): RateWindow {
  const taken: number[] = [];
  return {
    async tryTake() {
      const t = now();
      while (taken.length > 0 && taken[0]! <= t - windowMs) taken.shift();
      if (taken.length < limit) {
        taken.push(t);
        return 0;
      }
      return Math.max(1, taken[0]! + windowMs - t);
    },
  };
}

export interface FlowControl {
  /** Resolves when the call may be sent; rejects on abort, deadline or a too long wait. */
  acquire(api: string, opts?: { signal?: AbortSignal; deadline?: number }): Promise<void>;
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
  resolve: () => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

/** No limit: every call goes straight through. */
export const UNLIMITED: FlowControl = {
  acquire: async () => {},
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
        const wait = await options.window.tryTake();
        if (queue[0] !== head) {
          // The head left (abort) while we asked: hand the slot to the next one, if taken.
          if (wait === 0 && queue[0]) {
            const next = queue[0];
            drop(next);
            options.onWait?.(now() - next.enqueuedAt);
            next.resolve();
          }
          continue;
        }
        if (wait === 0) {
          drop(head);
          options.onWait?.(now() - head.enqueuedAt);
          head.resolve();
        } else {
          await sleep(Math.min(wait, Math.max(1, head.giveUpAt - now())));
        }
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
      return new Promise<void>((resolve, reject) => {
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
