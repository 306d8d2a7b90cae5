/**
 * Live updates (docs/subscriptions.md): the subscriptions open on this replica, what feeds them
 * (writes, the shared poller, the billing index, other replicas over the event bus), and their
 * limits. Each subscriber sees an order's state once and never an older payment step after a newer.
 */
import { randomUUID } from 'node:crypto';
import type { BillingOrder, BillingOrderFilter } from '../domain/billing-order.js';
import { matchesFilter } from '../billing-index/windows.js';
import { ILOP_FIRST_PAGE } from '../loaders/vendor-paging.js';
import type { Logger } from '../ops/logger.js';
import type { RedisGuard } from '../ops/redis-guard.js';
import type { Redis } from '../ops/redis.js';
import type { Registry } from 'prom-client';
import type { SubscriptionsConfig } from '../config.js';
import type { IlopApi } from '../upstream/clients.js';
import { VendorError } from '../upstream/vendor-error.js';
import { createEventBus } from './event-bus.js';
import { FeedStream } from './feed-stream.js';
import {
  billingState,
  isTransient,
  orderFacts,
  type DeviceOrder,
  type EventSource,
  type OrderFacts,
  type LiveEvent,
} from './events.js';
import { createLiveMetrics, type Transport } from './metrics.js';
import { createOrderPoller, LOCAL_CLAIM, type PollClaim } from './order-poller.js';

/** Why a subscription is refused or ended by subgate (the schema gives each its error code). */
export type LiveRefusalReason = 'TOO_MANY_SUBSCRIPTIONS' | 'SHUTTING_DOWN';

export class LiveRefusal extends Error {
  constructor(
    readonly reason: LiveRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'LiveRefusal';
  }
}

/** What a subscription yields: an event, or the error that ends it (then nothing more). */
export type FeedItem<E> = { event: E } | { end: Error };
export type OrderEvent = Extract<LiveEvent, { type: 'order' }>;
export type BillingEvent = Extract<LiveEvent, { type: 'billing' }>;

/** Who subscribes: the viewer's cache key names the caller; a user's token is re-checked. */
export interface Subscriber {
  callerKey: string;
  iotToken?: string;
  transport: Transport;
}

export interface LiveUpdates {
  /** What a write through subgate made or changed (the idempotent-write path). */
  changed(orders: readonly DeviceOrder[], source?: EventSource): void;
  /** Billing orders the index saw change. */
  billingChanged(orders: readonly BillingOrder[]): void;
  /** A place for one more subscription, or LiveRefusal past a limit; taken before any vendor read. */
  reserve(who: Subscriber): Slot;
  /**
   * A device's order updates. `known`: its orders as the subscriber just read them (the
   * transient ones are watched; their states are not repeated).
   */
  orderUpdates(
    slot: Slot,
    iotId: string,
    known: readonly DeviceOrder[],
  ): AsyncIterable<FeedItem<OrderEvent>>;
  billingUpdates(slot: Slot, filter: BillingOrderFilter): AsyncIterable<FeedItem<BillingEvent>>;
  /** An event executed for a group of subscribers (the metrics). */
  executed(): void;
  /** Graceful shutdown: every stream ends with SHUTTING_DOWN, so clients reconnect elsewhere. */
  endAll(): void;
  close(): Promise<void>;
}

export interface Slot {
  readonly who: Subscriber;
  /** Frees the place (idempotent). */
  release(): void;
}

export interface LiveDeps {
  config: SubscriptionsConfig;
  ilop: IlopApi;
  redis: { redis: Redis; guard: RedisGuard } | null;
  registry: Registry;
  logger: Logger;
  /**
   * An order seen paid on this replica (a write's answer, the poller's read; not another
   * replica's event, which that replica saw): its billing order is written through.
   */
  onPaid?: (order: DeviceOrder) => void;
  now?: () => number;
}

/** How long a payment left settling by a write is read without subscribers (it takes seconds). */
const FOLLOW_PAYMENT_MS = 5 * 60_000;

const shutdownReason = () =>
  new LiveRefusal('SHUTTING_DOWN', 'The server is shutting down: reconnect elsewhere.');

interface Feed {
  end(err: Error): void;
}

export function createLiveUpdates(d: LiveDeps): LiveUpdates {
  const now = d.now ?? Date.now;
  const open = { sse: 0, ws: 0 };
  const perCaller = new Map<string, number>();
  const feeds = new Set<Feed>();
  const byDevice = new Map<string, Set<(e: OrderEvent) => void>>();
  const billing = new Set<(e: BillingEvent) => void>();
  let shuttingDown = false;
  // Every subscriber of an event is handed the same item, so the schema executes it once per
  // group of subscribers alike (server/use-shared-subscription-results.ts).
  const items = new WeakMap<LiveEvent, { event: LiveEvent }>();
  const itemOf = <E extends LiveEvent>(event: E): { event: E } => {
    let item = items.get(event);
    if (!item) items.set(event, (item = { event }));
    return item as { event: E };
  };

  const metrics = createLiveMetrics(
    d.registry,
    () => ({ ...open }),
    () => poller.size(),
  );
  const bus = createEventBus({
    redis: d.redis,
    logger: d.logger,
    onPublish: (event) => metrics.published(event, 'here'),
    onReceive: (event) => metrics.published(event, 'replica'),
  });
  const replica = randomUUID();
  const claim: PollClaim = d.redis
    ? (key, ms) => {
        const { redis, guard } = d.redis!;
        // Redis down: each replica reads for its own subscribers (docs/subscriptions.md).
        return guard.run(
          'live-poller',
          'claim',
          async () => (await redis.set(key, replica, 'PX', ms, 'NX')) === 'OK',
          () => true,
        );
      }
    : LOCAL_CLAIM;
  const poller = createOrderPoller({
    ilop: d.ilop,
    intervalMs: d.config.pollIntervalMs,
    maxQps: d.config.pollMaxQps,
    claim,
    now,
    onChange: (order) => publishHere(order, 'poller'),
    onRead: (api, outcome) => metrics.pollerRead(api, outcome),
  });

  function publishHere(order: DeviceOrder, source: EventSource) {
    if (order.paymentStatus === 'PAID') d.onPaid?.(order);
    bus.publish({ type: 'order', order, source, at: now() });
  }

  bus.listen((event) => {
    if (event.type === 'order') {
      poller.seen(event.order);
      for (const deliver of byDevice.get(event.order.iotId) ?? []) deliver(event);
    } else {
      for (const deliver of billing) deliver(event);
    }
  });

  const recheck = createTokenRecheck(d.ilop, d.config.authRecheckMs);

  function reserve(who: Subscriber): Slot {
    if (shuttingDown)
      throw new LiveRefusal('SHUTTING_DOWN', 'The server is shutting down: reconnect.');
    const mine = perCaller.get(who.callerKey) ?? 0;
    if (mine >= d.config.maxPerCaller) {
      throw new LiveRefusal(
        'TOO_MANY_SUBSCRIPTIONS',
        `At most ${d.config.maxPerCaller} open subscriptions per caller (SUBSCRIPTIONS_MAX_PER_CALLER).`,
      );
    }
    if (open.sse + open.ws >= d.config.maxTotal) {
      throw new LiveRefusal(
        'TOO_MANY_SUBSCRIPTIONS',
        `This server holds its most open subscriptions (${d.config.maxTotal}); try again later.`,
      );
    }
    perCaller.set(who.callerKey, mine + 1);
    open[who.transport]++;
    let released = false;
    return {
      who,
      release() {
        if (released) return;
        released = true;
        open[who.transport]--;
        const left = (perCaller.get(who.callerKey) ?? 1) - 1;
        if (left === 0) perCaller.delete(who.callerKey);
        else perCaller.set(who.callerKey, left);
      },
    };
  }

  /** A stream fed by `attach`, ended by endAll or by `attach`'s own end. */
  function feed<E>(
    slot: Slot,
    attach: (push: (item: FeedItem<E>) => void, end: (err: Error) => void) => () => void,
  ): AsyncIterable<FeedItem<E>> {
    return new FeedStream<FeedItem<E>>({
      attach(stream) {
        const self: Feed = { end: (err) => stream.end({ end: err }) };
        feeds.add(self);
        const detach = attach((item) => stream.push(item), self.end);
        // Shutdown began while this one was starting (its vendor reads): it ends at once too.
        if (shuttingDown) self.end(shutdownReason());
        return () => {
          feeds.delete(self);
          detach();
        };
      },
      stopped: () => slot.release(),
      read(item) {
        if (!('event' in item)) return;
        const event = item.event as LiveEvent;
        metrics.delivered(slot.who.transport, event.source, now() - event.at);
      },
    });
  }

  return {
    changed(orders, source = 'write') {
      for (const order of orders) {
        publishHere(order, source);
        // A payment a write left settling is read until it settles when its paid state has a
        // use beyond subscribers (the billing write-through), subscribed to or not.
        if (d.onPaid && order.paymentStatus === 'PAYING') {
          const unwatch = poller.watch(order);
          setTimeout(unwatch, FOLLOW_PAYMENT_MS).unref();
        }
      }
    },

    billingChanged(orders) {
      for (const order of orders)
        bus.publish({ type: 'billing', order, source: 'index', at: now() });
    },
    reserve,
    orderUpdates(slot, iotId, known) {
      // Read once when the stream starts, then let go: an open stream holds no order list.
      let start: readonly DeviceOrder[] | null = known;
      return feed<OrderEvent>(slot, (push, end) => {
        const seen = new Map<string, OrderFacts>();
        const unwatch = new Map<string, () => void>();
        const consider = (order: DeviceOrder): boolean => {
          const current = orderFacts(order);
          const { key } = current;
          const last = seen.get(key);
          if (last && (last.state === current.state || current.step < last.step)) return false;
          seen.set(key, current);
          if (isTransient(order)) {
            if (!unwatch.has(key)) unwatch.set(key, poller.watch(order));
          } else {
            unwatch.get(key)?.();
            unwatch.delete(key);
          }
          return true;
        };
        for (const order of start ?? []) consider(order);
        start = null;
        const deliver = (event: OrderEvent) => {
          if (consider(event.order)) push(itemOf(event));
        };
        let listeners = byDevice.get(iotId);
        if (!listeners) byDevice.set(iotId, (listeners = new Set()));
        listeners.add(deliver);
        const stopRecheck = slot.who.iotToken ? recheck(slot.who.iotToken, iotId, end) : () => {};
        return () => {
          listeners.delete(deliver);
          if (listeners.size === 0 && byDevice.get(iotId) === listeners) byDevice.delete(iotId);
          for (const off of unwatch.values()) off();
          stopRecheck();
        };
      });
    },
    billingUpdates(slot, filter) {
      return feed<BillingEvent>(slot, (push) => {
        const seen = new Map<string, string>();
        const deliver = (event: BillingEvent) => {
          if (!matchesFilter(event.order, filter)) return;
          const state = billingState(event.order);
          if (seen.get(event.order.orderId) === state) return;
          seen.set(event.order.orderId, state);
          push(itemOf(event));
        };
        billing.add(deliver);
        return () => billing.delete(deliver);
      });
    },
    executed: () => metrics.executed(),
    endAll() {
      shuttingDown = true;
      const reason = shutdownReason();
      for (const f of [...feeds]) f.end(reason);
    },
    async close() {
      this.endAll();
      poller.close();
      recheck.close();
      await bus.close();
    },
  };
}

/**
 * A user's token checked again every `periodMs` while they hold a subscription to a device: one
 * vendor read per token and device, however many subscriptions share them. A token the vendor
 * no longer accepts (or a device no longer bound) ends each of those streams with that error.
 */
function createTokenRecheck(ilop: IlopApi, periodMs: number) {
  const checks = new Map<string, { ends: Set<(err: Error) => void>; timer: NodeJS.Timeout }>();
  const fn = (iotToken: string, iotId: string, end: (err: Error) => void) => {
    const key = `${iotToken}\n${iotId}`;
    let check = checks.get(key);
    if (!check) {
      const ends = new Set<(err: Error) => void>();
      const timer = setInterval(() => {
        ilop
          .queryCloudStorageOrders(
            { iotId, pageNo: ILOP_FIRST_PAGE, pageSize: 1 },
            { iotToken, priority: 'background' },
          )
          .catch((err: unknown) => {
            const refused =
              err instanceof VendorError &&
              (err.category === 'unauthenticated' || err.category === 'not-bound');
            if (refused) for (const e of [...ends]) e(err);
          });
      }, periodMs);
      timer.unref();
      check = { ends, timer };
      checks.set(key, check);
    }
    const mine = check;
    mine.ends.add(end);
    return () => {
      mine.ends.delete(end);
      if (mine.ends.size === 0) {
        clearInterval(mine.timer);
        if (checks.get(key) === mine) checks.delete(key);
      }
    };
  };
  return Object.assign(fn, {
    close() {
      for (const c of checks.values()) clearInterval(c.timer);
      checks.clear();
    },
  });
}
