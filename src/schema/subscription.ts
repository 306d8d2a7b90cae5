/**
 * The Subscription root (docs/subscriptions.md): live updates of a device's orders and of the
 * account's billing orders, over SSE or graphql-ws. Not to be confused with `SubscriptionOrder`,
 * a plan bought for a device.
 */
import type { BillingOrderFilter as BillingOrderFilterShape } from '../domain/billing-order.js';
import { LiveRefusal, type FeedItem } from '../live/live-updates.js';
import type { LiveEvent } from '../live/events.js';
import { ILOP_MAX_PAGE_SIZE } from '../loaders/vendor-paging.js';
import { ErrorCode, GatewayError } from '../server/client-errors.js';
import type { Context } from '../server/context.js';
import { BillingOrder, BillingOrderFilter } from './billing-order.js';
import { adminOnly, builder } from './builder.js';
import { checkIotId } from './device.js';
import { cost, NO_CALLS } from './field-cost.js';
import { SubscriptionOrder } from './subscription-order.js';

const refusal = (err: LiveRefusal) => new GatewayError(ErrorCode[err.reason], err.message);

/** Reserves a place before any vendor read; a refusal becomes its coded error. */
function reserve(ctx: Context) {
  try {
    return ctx.services.live.reserve({
      callerKey: ctx.viewer.cacheKey,
      transport: ctx.transport,
      ...(ctx.viewer.kind === 'user' ? { iotToken: ctx.viewer.iotToken } : {}),
    });
  } catch (err) {
    throw err instanceof LiveRefusal ? refusal(err) : err;
  }
}

/**
 * An item's event for the client, or the error that ends the stream (thrown into the result).
 * It reads nothing of the context: one execution serves every subscriber of a group
 * (server/use-shared-subscription-results.ts).
 */
function deliver<E extends LiveEvent>(item: FeedItem<E>): E['order'] {
  if ('end' in item) throw item.end instanceof LiveRefusal ? refusal(item.end) : item.end;
  return item.event.order;
}

builder.subscriptionType({
  description:
    'Live updates (GraphQL subscriptions over SSE or graphql-ws on `/graphql`). An update carries the whole current object, so a frontend replaces what it shows.',
});

builder.subscriptionFields((t) => ({
  orderUpdated: t.field({
    type: SubscriptionOrder,
    nullable: true,
    description:
      "Each change of one of the device's cloud-storage or streaming orders (status, payment, start/end, a new order), as it now is. Checked as a `device` query when it starts (a user sees only devices bound to their token) and again while open: a token that stops working ends the stream with `UNAUTHENTICATED`. Re-read the device after (re)connecting: updates begin when the subscription does.",
    args: { iotId: t.arg.string({ required: true, description: 'Living IoT device ID.' }) },
    // Its start reads the device's first page of each order list, as the user.
    extensions: cost({ calls: () => 2 }),
    subscribe: async (_root, { iotId }, ctx) => {
      checkIotId(iotId, 'iotId');
      const slot = reserve(ctx);
      try {
        // The proof of access (as `device`), and the orders in flight the poller is to watch.
        const [cloudStorage, streaming] = await Promise.all([
          ctx.devices.cloudStorageOrders(iotId).loadPage(0, ILOP_MAX_PAGE_SIZE),
          ctx.devices.streamingOrders(iotId).loadPage(0, ILOP_MAX_PAGE_SIZE),
        ]);
        return ctx.services.live.orderUpdates(slot, iotId, [
          ...cloudStorage.items,
          ...streaming.items,
        ]);
      } catch (err) {
        slot.release();
        throw err;
      }
    },
    resolve: (item: FeedItem<Extract<LiveEvent, { type: 'order' }>>) => deliver(item),
  }),
  billingOrderUpdated: t.field({
    type: BillingOrder,
    nullable: true,
    authScopes: { admin: true },
    description:
      "The account's billing orders as the billing index sees them change: a new order, Unpaid to Paid or Cancelled. Admin API keys only. `createdAfter`/`createdBefore` are ignored.",
    args: {
      filter: t.arg({ type: BillingOrderFilter, description: 'Which orders to follow.' }),
    },
    extensions: NO_CALLS,
    subscribe: (_root, { filter }, ctx) => {
      // Scope auth guards each event's resolve; a user is refused before the stream starts.
      if (ctx.viewer.kind !== 'admin') throw adminOnly();
      const slot = reserve(ctx);
      const { createdAfter: _a, createdBefore: _b, ...rest } = filter ?? {};
      const kept = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== null && v !== undefined),
      ) as BillingOrderFilterShape;
      return ctx.services.live.billingUpdates(slot, kept);
    },
    resolve: (item: FeedItem<Extract<LiveEvent, { type: 'billing' }>>) => deliver(item),
  }),
}));
