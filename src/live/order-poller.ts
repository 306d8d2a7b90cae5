/**
 * The shared poller (docs/subscriptions.md): an order in a transient state that someone is
 * subscribed to is read once per interval for all its subscribers on all replicas. Each interval,
 * one replica claims the order (a Redis key that expires after the interval, like the billing
 * index's sweep lease) and reads it; what it reads goes out over the event bus to everyone. Reads
 * run in the flow control's background lane (they yield to requests) and at most `maxQps` per
 * second per replica. An order stops being read when it settles or nobody listens.
 */
import type { IlopApi } from '../upstream/clients.js';
import { VendorError } from '../upstream/vendor-error.js';
import { isTransient, orderKey, orderState, type DeviceOrder } from './events.js';

export interface OrderRef {
  kind: DeviceOrder['kind'];
  iotId: string;
  orderId: string;
}

/** Takes the order's read for this interval, or false when another replica has it. */
export type PollClaim = (key: string, intervalMs: number) => Promise<boolean>;

export const LOCAL_CLAIM: PollClaim = async () => true;

export interface PollerOptions {
  ilop: IlopApi;
  intervalMs: number;
  maxQps: number;
  claim: PollClaim;
  /** An order read whose state differs from the last one known here. */
  onChange(order: DeviceOrder): void;
  /** Each vendor read: its API and outcome (`ok` or the vendor code). */
  onRead?(api: string, outcome: string): void;
  now?: () => number;
}

export interface OrderPoller {
  /** Reads `ref` while it is transient and watched; the returned function unwatches. */
  watch(ref: OrderRef): () => void;
  /** A state seen elsewhere (a write, another replica's read): settled, it is no longer read. */
  seen(order: DeviceOrder): void;
  /** Orders being watched. */
  size(): number;
  close(): void;
}

interface Watched {
  ref: OrderRef;
  watchers: number;
  dueAt: number;
  last: string | null;
}

export const POLL_APIS = {
  cloudStorage: '/vision/customer/cloudstorage/order/get',
  streaming: '/vision/customer/streaming/order/get',
} as const;

export function createOrderPoller(o: PollerOptions): OrderPoller {
  const now = o.now ?? Date.now;
  const watched = new Map<string, Watched>();
  const spacingMs = Math.max(1, Math.ceil(1000 / o.maxQps));
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  let closed = false;

  const schedule = () => {
    if (closed || timer || watched.size === 0) return;
    timer = setTimeout(tick, spacingMs);
    timer.unref();
  };

  async function read(entry: Watched): Promise<DeviceOrder> {
    const { kind, iotId, orderId } = entry.ref;
    const opts = { priority: 'background' as const };
    try {
      const order =
        kind === 'cloudStorage'
          ? await o.ilop.getCloudStorageOrder({ iotId, orderId }, opts)
          : await o.ilop.getStreamingOrder({ iotId, orderId }, opts);
      o.onRead?.(POLL_APIS[kind], 'ok');
      return order;
    } catch (err) {
      o.onRead?.(POLL_APIS[kind], err instanceof VendorError ? err.code : 'error');
      throw err;
    }
  }

  /** One read per tick at most: the most overdue order this replica may claim. */
  async function tick(): Promise<void> {
    timer = null;
    if (busy || closed) return schedule();
    busy = true;
    try {
      const t = now();
      const due = [...watched.values()]
        .filter((w) => w.dueAt <= t)
        .sort((a, b) => a.dueAt - b.dueAt);
      for (const entry of due) {
        entry.dueAt = t + o.intervalMs;
        if (!(await o.claim(`live:poll:${orderKey(entry.ref)}`, o.intervalMs))) continue;
        const order = await read(entry).catch(() => null); // read again next interval
        if (order && watched.get(orderKey(entry.ref)) === entry) note(entry, order);
        break;
      }
    } finally {
      busy = false;
      schedule();
    }
  }

  function note(entry: Watched, order: DeviceOrder) {
    const state = orderState(order);
    if (state !== entry.last) {
      entry.last = state;
      o.onChange(order);
    }
    if (!isTransient(order)) watched.delete(orderKey(entry.ref));
  }

  return {
    watch(ref) {
      const key = orderKey(ref);
      let entry = watched.get(key);
      if (!entry) {
        // The first read one interval on: the subscriber has just read the order itself.
        entry = { ref, watchers: 0, dueAt: now() + o.intervalMs, last: null };
        watched.set(key, entry);
      }
      entry.watchers++;
      schedule();
      let done = false;
      const mine = entry;
      return () => {
        if (done) return;
        done = true;
        if (--mine.watchers === 0 && watched.get(key) === mine) watched.delete(key);
      };
    },
    seen(order) {
      const entry = watched.get(orderKey(order));
      if (!entry) return;
      entry.last = orderState(order);
      if (!isTransient(order)) watched.delete(orderKey(order));
    },
    size: () => watched.size,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watched.clear();
    },
  };
}
