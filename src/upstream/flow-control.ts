/**
 * Client-side flow control per vendor account: calls wait in a queue per API for a slot of a
 * sliding one-second window, so we stay under the vendor's QPS (BSS: 10 per second per account and
 * API, docs/vendors.md#bss) by queueing instead of collecting Throttling.User. Each API's queue has
 * two lanes: requests are served first, background work (the billing index's sweeps) only when no
 * request waits and with slots left free for requests (BACKGROUND_HEADROOM; docs/billing-index.md).
 * Requests of several callers are served round robin, the least recently served caller first, so
 * a caller sending twenty times as many calls as the others waits behind its own calls, not the
 * others behind it (docs/budgets.md#fair-shares). The window itself is pluggable, one for all APIs or one per API: in-process, or shared by every
 * replica (src/ops/redis-rate-window.ts).
 *
 * A slot is held from its grant until the vendor's answer begins to arrive (its status line; the
 * call's end when no answer comes) and counts for one more window after that. The vendor counts a
 * call when it arrives, which is after our grant and before it answers, so `limit` + 1 calls it saw
 * within one second would all have been counted at the last one's grant, which the window refuses
 * (the proof: docs/billing-index.md#one-budget). That holds however much network, pool or
 * event-loop delay sits in between, with no margin; the body's transfer and decoding, after the
 * answer began, do not hold the slot.
 */
import type { Caller } from './caller.js';
import { VendorError, type Vendor } from './vendor-error.js';

/**
 * Ends a slot's call (the vendor's answer began, or the call ended without one); the slot then
 * counts for one more window. Safe to call twice.
 */
export type Release = () => void;

/** A sliding window of slots. */
export interface RateWindow {
  /**
   * Takes a slot (held until released), or returns the ms until it is worth asking again.
   * `headroom`: slots that must stay free after this one (background calls leave one for a
   * request); never below one usable slot.
   */
  tryTake(headroom?: number): Promise<Release | number>;
}

/** Who waits for a slot: a client's request, or background work that must never delay one. */
export type Priority = 'request' | 'background';

/**
 * Slots a background call leaves free in the window, beyond one more for each request this
 * process sent in the last window: requests find free slots as fast as they have been coming,
 * and background work gets what they leave (docs/billing-index.md, budget).
 */
export const BACKGROUND_HEADROOM = 1;

/** The slots usable with `headroom` kept free, never below one. */
export const usableSlots = (limit: number, headroom = 0) => Math.max(1, limit - headroom);

/** The vendor's window (one second); see the file comment for why no margin is needed. */
export const FLOW_WINDOW_MS = 1_000;

/** How often a full window of calls still in flight is asked again (their ends are unknown). */
export const IN_FLIGHT_POLL_MS = 20;

/** Not a vendor code: a call that found no slot within the wait limit (VENDOR_RATE_LIMITED). */
export const QUEUE_TIMEOUT_CODE = 'FlowControl.QueueTimeout';

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
    async tryTake(headroom = 0) {
      const t = now();
      let oldest = Infinity;
      for (const slot of slots) {
        if (slot.end <= t - windowMs) slots.delete(slot);
        else oldest = Math.min(oldest, slot.end);
      }
      if (slots.size < usableSlots(limitNow(), headroom)) {
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
  /** Default `request`. A background call waits while any request of its API waits. */
  priority?: Priority;
  /** Whose call: requests take turns by caller (none: one anonymous caller, e.g. tools). */
  caller?: Pick<Caller, 'key' | 'kind'>;
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
  /** One window for every API, or one per API (the vendor's limit is per API). */
  window: RateWindow | ((api: string) => RateWindow);
  /** Longest wait in the queue; past it the call fails as throttled (VENDOR_RATE_LIMITED). */
  maxWaitMs: number;
  now?: () => number;
  /** How long each call waited (ms), in which lane and for which caller class, for metrics. */
  onWait?: (waitedMs: number, priority: Priority, caller: Caller['kind'] | 'none') => void;
  /** How long each slot was held in flight (ms), from its grant to its release, for metrics. */
  onHeld?: (heldMs: number, priority: Priority) => void;
}

interface Waiter {
  api: string;
  priority: Priority;
  caller?: Pick<Caller, 'key' | 'kind'>;
  enqueuedAt: number;
  giveUpAt: number;
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

/** One API's waiters: requests first (round robin by caller), background after (FIFO). */
interface Lane {
  window: RateWindow;
  /** In arrival order; served by `nextRequest`. */
  request: Waiter[];
  /** Each caller's last grant (a sequence number): the least recently served goes first. */
  served: Map<string, number>;
  grants: number;
  background: Waiter[];
  pumping: boolean;
  /** When this lane's last requests got their slots (the last FLOW_WINDOW_MS). */
  requestGrants: number[];
  /** Ends the pump's wait for a slot early: a request came while it waited for a background head. */
  wake?: () => void;
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
  const windowFor =
    typeof options.window === 'function' ? options.window : () => options.window as RateWindow;
  const lanes = new Map<string, Lane>();
  let closed = false;

  const laneOf = (api: string): Lane => {
    let lane = lanes.get(api);
    if (!lane) {
      lane = {
        window: windowFor(api),
        request: [],
        served: new Map(),
        grants: 0,
        background: [],
        pumping: false,
        requestGrants: [],
      };
      lanes.set(api, lane);
    }
    return lane;
  };
  const all = () => [...lanes.values()].flatMap((l) => [...l.request, ...l.background]);

  const throttled = (api: string, message: string) =>
    new VendorError({
      vendor: options.vendor,
      // The client sees VENDOR_RATE_LIMITED (message says "throttled").
      code: QUEUE_TIMEOUT_CODE,
      message,
      kind: 'gateway',
      api,
    });

  const drop = (lane: Lane, w: Waiter) => {
    for (const queue of [lane.request, lane.background]) {
      const i = queue.indexOf(w);
      if (i >= 0) queue.splice(i, 1);
    }
    w.cleanup();
  };
  /** The next waiter to serve, and the headroom its lane must leave. */
  const headOf = (lane: Lane): [Waiter, number] | undefined => {
    const request = nextRequest(lane);
    if (request) return [request, 0];
    const background = lane.background[0];
    if (!background) return undefined;
    const since = now() - FLOW_WINDOW_MS;
    while (lane.requestGrants.length > 0 && lane.requestGrants[0]! <= since) {
      lane.requestGrants.shift();
    }
    return [background, BACKGROUND_HEADROOM + lane.requestGrants.length];
  };

  // One loop per API asks the window for the head of its queue: waiting calls cost no window
  // traffic (on Redis: one round trip per slot, not per waiter).
  async function pump(lane: Lane): Promise<void> {
    if (lane.pumping) return;
    lane.pumping = true;
    try {
      for (let next = headOf(lane); next && !closed; next = headOf(lane)) {
        const [head, headroom] = next;
        if (now() >= head.giveUpAt) {
          drop(lane, head);
          head.reject(throttled(head.api, `throttled locally: no slot within the wait limit`));
          continue;
        }
        const taken = await lane.window.tryTake(headroom);
        if (typeof taken === 'number') {
          if (headOf(lane)?.[0] === head) {
            await wakeableSleep(lane, Math.min(taken, Math.max(1, head.giveUpAt - now())));
          }
          continue;
        }
        // The head may have left (abort) or a request may have come while we asked: the slot
        // goes to whoever is first now, if the headroom it was taken with allows.
        const first = headOf(lane);
        if (!first || first[1] > headroom) {
          taken();
          continue;
        }
        drop(lane, first[0]);
        if (first[0].priority === 'request') {
          lane.requestGrants.push(now());
          servedNow(lane, first[0]);
        }
        options.onWait?.(
          now() - first[0].enqueuedAt,
          first[0].priority,
          first[0].caller?.kind ?? 'none',
        );
        first[0].resolve(options.onHeld ? timed(taken, first[0].priority) : taken);
      }
    } finally {
      lane.pumping = false;
    }
  }

  const timed = (release: Release, priority: Priority): Release => {
    const granted = now();
    let held = true;
    return () => {
      if (held) options.onHeld?.(now() - granted, priority);
      held = false;
      release();
    };
  };

  return {
    acquire(api, opts = {}) {
      if (closed) return Promise.reject(throttled(api, 'flow control closed'));
      opts.signal?.throwIfAborted();
      const t = now();
      const giveUpAt = Math.min(t + options.maxWaitMs, opts.deadline ?? Infinity);
      const lane = laneOf(api);
      return new Promise<Release>((resolve, reject) => {
        const onAbort = () => {
          drop(lane, waiter);
          reject(opts.signal?.reason);
        };
        const priority = opts.priority ?? 'request';
        const waiter: Waiter = {
          api,
          priority,
          caller: opts.caller,
          enqueuedAt: t,
          giveUpAt,
          resolve,
          reject,
          cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        lane[priority].push(waiter);
        // A background head may ask for a slot later than a request may take one (headroom).
        if (priority === 'request') lane.wake?.();
        pump(lane).catch((err) => {
          // A broken window (e.g. Redis gone without fallback) fails the waiting calls.
          for (const w of [...lane.request.splice(0), ...lane.background.splice(0)]) {
            w.cleanup();
            w.reject(err);
          }
        });
      });
    },
    queued: () => all().length,
    close() {
      closed = true;
      for (const w of all()) w.cleanup();
      for (const lane of lanes.values()) {
        for (const w of [...lane.request.splice(0), ...lane.background.splice(0)]) {
          w.reject(throttled(w.api, 'flow control closed'));
        }
      }
    },
  };
}

/** Callers remembered per lane before the oldest turns are forgotten (they restart as new). */
const MAX_REMEMBERED_CALLERS = 10_000;

/** The waiting request whose caller was served least recently (never: first), earliest first. */
function nextRequest(lane: Lane): Waiter | undefined {
  let best: Waiter | undefined;
  let bestTurn = Infinity;
  const seen = new Set<string>();
  for (const w of lane.request) {
    const key = w.caller?.key ?? '';
    if (seen.has(key)) continue; // only a caller's earliest call competes
    seen.add(key);
    const turn = lane.served.get(key) ?? -1;
    if (turn < bestTurn) {
      best = w;
      bestTurn = turn;
      if (turn === -1) break;
    }
  }
  return best;
}

function servedNow(lane: Lane, w: Waiter): void {
  const key = w.caller?.key ?? '';
  lane.served.delete(key); // re-inserted last: the map stays in order of service
  lane.served.set(key, lane.grants++);
  for (const oldest of lane.served.keys()) {
    if (lane.served.size <= MAX_REMEMBERED_CALLERS) break;
    lane.served.delete(oldest);
  }
}

/** Waits `ms`, or until `lane.wake()`. */
function wakeableSleep(lane: Lane, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      lane.wake = undefined;
      resolve();
    };
    const timer = setTimeout(done, ms);
    lane.wake = done;
  });
}

/**
 * How much later an aborted call's slot is released: a request we stopped waiting for may still
 * be on its way, and the vendor counts it when it arrives, after our end of it.
 */
export const ABORTED_SLOT_GRACE_MS = 1_000;

/** Releases a call's slot when it ends; an aborted call's a grace period later (see above). */
export function releaseAfter(release: Release, signal?: AbortSignal): void {
  if (signal?.aborted) setTimeout(release, ABORTED_SLOT_GRACE_MS).unref();
  else release();
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
    releaseAfter(release, opts.signal);
  }
}
