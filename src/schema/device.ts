import type { CloudStorageOrder as CloudStorageOrderShape } from '../domain/cloud-storage-order.js';
import type { StreamingOrder as StreamingOrderShape } from '../domain/streaming-order.js';
import { summarizePlans, type SubscriptionSummary } from '../domain/subscription-summary.js';
import { badInput } from '../server/client-errors.js';
import { loadAll, loadWindow, windowOfArray, type PagedSource } from '../loaders/paged-source.js';
import type { Context } from '../server/context.js';
import { ILOP_MAX_PAGE_SIZE } from '../loaders/vendor-paging.js';
import { builder } from './builder.js';
import { cost, DEVICE_ORDER_CONNECTION, listLength, NO_CALLS, one } from './field-cost.js';
import { failingAlone } from './list-item.js';
import { CloudStorageOrder } from './cloud-storage-order.js';
import { Device, type DeviceShape } from './device-ref.js';
import {
  CloudStorageStatus,
  OrderType,
  PaymentStatus,
  RecordType,
  StreamingStatus,
} from './order-enums.js';
import { buildConnection, parseConnectionArgs, type ConnectionArgs } from './pagination.js';
import { StreamingOrder } from './streaming-order.js';

/** Most devices one `devices` call may name. */
export const MAX_DEVICES = 100;
const MAX_IOT_ID_LENGTH = 128;

/**
 * A user reaches a device only as the vendor allows: the device's first order page (the one its
 * fields read anyway) is the proof, so a device not bound to the user is null with FORBIDDEN.
 * Admin keys act with the AppKey's authority and need no proof.
 */
export async function reachable(ctx: Context, iotId: string): Promise<DeviceShape> {
  if (ctx.viewer.kind === 'user') {
    await ctx.devices.cloudStorageOrders(iotId).loadPage(0, ILOP_MAX_PAGE_SIZE);
  }
  return { iotId };
}

export function checkIotId(iotId: string, field: string): string {
  if (iotId.trim() === '') throw badInput(field, 'must not be empty');
  if (iotId.length > MAX_IOT_ID_LENGTH) {
    throw badInput(field, `must be at most ${MAX_IOT_ID_LENGTH} characters`);
  }
  return iotId;
}

/** A device's plans summarised once, in the field that read them; its fields only pick. */
type PlanSummary<T> = SubscriptionSummary<T> & { orderCount: number };

function planSummary<T extends CloudStorageOrderShape | StreamingOrderShape>(
  orders: T[],
  now: Date,
): PlanSummary<T> {
  return { ...summarizePlans(orders, now), orderCount: orders.length };
}

const CloudStorageSummary = builder
  .objectRef<PlanSummary<CloudStorageOrderShape>>('CloudStorageSummary')
  .implement({
    description: "A device's cloud storage at a glance.",
    fields: (t) => ({
      activePlan: t.field({
        type: CloudStorageOrder,
        nullable: true,
        description: 'The paid plan in service now; null when there is none.',
        extensions: NO_CALLS,
        resolve: (s) => s.activePlan,
      }),
      queuedPlans: t.field({
        type: [CloudStorageOrder],
        description: 'Paid plans that start after the active one, in start order.',
        extensions: NO_CALLS,
        resolve: (s) => s.queuedPlans,
      }),
      serviceEndsAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When service ends if nothing more is bought (the last queued plan ends).',
        resolve: (s) => s.serviceEndsAt,
      }),
      recordType: t.field({
        type: RecordType,
        nullable: true,
        description: 'How the camera records under the active plan.',
        resolve: (s) => s.activePlan?.recordType ?? null,
      }),
      secondsUsed: t.int({
        nullable: true,
        description: 'Seconds of the active plan already used (`preConsume`).',
        resolve: (s) => s.activePlan?.preConsume ?? null,
      }),
      orderCount: t.int({
        description: "Number of the device's cloud-storage orders, of every state.",
        resolve: (s) => s.orderCount,
      }),
    }),
  });

const StreamingSummary = builder
  .objectRef<PlanSummary<StreamingOrderShape>>('StreamingSummary')
  .implement({
    description: "A device's live-stream sharing at a glance.",
    fields: (t) => ({
      activePlan: t.field({
        type: StreamingOrder,
        nullable: true,
        description: 'The paid plan in service now; null when there is none.',
        extensions: NO_CALLS,
        resolve: (s) => s.activePlan,
      }),
      queuedPlans: t.field({
        type: [StreamingOrder],
        description: 'Paid plans that start after the active one, in start order.',
        extensions: NO_CALLS,
        resolve: (s) => s.queuedPlans,
      }),
      serviceEndsAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When sharing ends if nothing more is bought (the last queued plan ends).',
        resolve: (s) => s.serviceEndsAt,
      }),
      orderCount: t.int({
        description: "Number of the device's streaming orders, of every state.",
        resolve: (s) => s.orderCount,
      }),
    }),
  });

const CloudStorageOrderFilter = builder.inputType('CloudStorageOrderFilter', {
  description:
    "Keep orders matching every given field (any of the listed values). The vendor has no filter, so a filter reads all of the device's orders.",
  fields: (t) => ({
    status: t.field({ type: [CloudStorageStatus], description: 'Any of these states.' }),
    paymentStatus: t.field({ type: [PaymentStatus], description: 'Any of these payment states.' }),
    recordType: t.field({ type: [RecordType], description: 'Any of these recording types.' }),
    orderType: t.field({ type: [OrderType], description: 'Paid, free, or both.' }),
  }),
});

const StreamingOrderFilter = builder.inputType('StreamingOrderFilter', {
  description:
    "Keep orders matching every given field. The vendor has no filter, so a filter reads all of the device's orders.",
  fields: (t) => ({
    status: t.field({ type: [StreamingStatus], description: 'Any of these states.' }),
    paymentStatus: t.field({ type: [PaymentStatus], description: 'Any of these payment states.' }),
  }),
});

type Filter = Record<string, readonly string[] | null | undefined>;

/** Filter entries that constrain anything; an empty list is refused rather than matching nothing. */
function activeFilter(filter: Filter | null | undefined): [string, readonly string[]][] {
  const entries: [string, readonly string[]][] = [];
  for (const [key, values] of Object.entries(filter ?? {})) {
    if (values === null || values === undefined) continue;
    if (values.length === 0) throw badInput(`filter.${key}`, 'must list at least one value');
    entries.push([key, values]);
  }
  return entries;
}

/** A device's order connection: vendor pages when unfiltered, the whole list filtered locally. */
async function orderConnection<T extends object>(
  source: PagedSource<T>,
  typename: string,
  iotId: string,
  args: ConnectionArgs & { filter?: Filter | null },
) {
  const filter = activeFilter(args.filter);
  const scope = `${typename}:${iotId}:${JSON.stringify(filter)}`;
  const req = parseConnectionArgs(scope, args);
  if (filter.length === 0) return buildConnection(scope, await loadWindow(source, req));
  const all = await loadAll(source);
  const kept = all.filter((o) =>
    filter.every(([key, values]) => values.includes((o as Record<string, unknown>)[key] as string)),
  );
  return buildConnection(scope, windowOfArray(kept, req));
}

builder.node(Device, {
  description:
    'A camera on the Living IoT platform. If a vendor call for it fails, the device is null with one coded error; other devices stand.',
  id: { resolve: (d) => d.iotId },
  loadOne: (iotId, ctx) => reachable(ctx, checkIotId(iotId, 'id')),
  fields: (t) => ({
    iotId: t.exposeString('iotId', { description: 'Living IoT device ID (`iotId`).' }),
    // Non-null on purpose: a failed vendor call nulls the whole device with one error entry.
    cloudStorage: t.field({
      type: CloudStorageSummary,
      description: 'Cloud storage at a glance (reads every order of the device).',
      extensions: cost({ calls: one }),
      resolve: async (d, _args, ctx) =>
        planSummary(await loadAll(ctx.devices.cloudStorageOrders(d.iotId)), ctx.now()),
    }),
    streaming: t.field({
      type: StreamingSummary,
      description: 'Live-stream sharing at a glance (reads every streaming order of the device).',
      extensions: cost({ calls: one }),
      resolve: async (d, _args, ctx) =>
        planSummary(await loadAll(ctx.devices.streamingOrders(d.iotId)), ctx.now()),
    }),
    cloudStorageOrders: t.connection(
      {
        type: CloudStorageOrder,
        description: "The device's cloud-storage orders, newest first, as the vendor lists them.",
        extensions: DEVICE_ORDER_CONNECTION,
        args: {
          filter: t.arg({
            type: CloudStorageOrderFilter,
            description: 'Keep only matching orders.',
          }),
        },
        resolve: (d, args, ctx) =>
          orderConnection(
            ctx.devices.cloudStorageOrders(d.iotId),
            'CloudStorageOrder',
            d.iotId,
            args,
          ),
      },
      {
        name: 'CloudStorageOrderConnection',
        description: "A window of a device's cloud-storage orders, with the total.",
      },
      {
        name: 'CloudStorageOrderEdge',
        description: 'A cloud-storage order and its cursor.',
      },
    ),
    streamingOrders: t.connection(
      {
        type: StreamingOrder,
        description: "The device's streaming orders, as the vendor lists them.",
        extensions: DEVICE_ORDER_CONNECTION,
        args: {
          filter: t.arg({ type: StreamingOrderFilter, description: 'Keep only matching orders.' }),
        },
        resolve: (d, args, ctx) =>
          orderConnection(ctx.devices.streamingOrders(d.iotId), 'StreamingOrder', d.iotId, args),
      },
      {
        name: 'StreamingOrderConnection',
        description: "A window of a device's streaming orders, with the total.",
      },
      {
        name: 'StreamingOrderEdge',
        description: 'A streaming order and its cursor.',
      },
    ),
  }),
});

builder.queryFields((t) => ({
  device: t.field({
    type: Device,
    nullable: true,
    description: 'One device by its Living IoT iotId. A user token sees only devices bound to it.',
    // A user's proof is the device's first order page, the one its fields read (and pay for).
    extensions: NO_CALLS,
    args: { iotId: t.arg.string({ required: true, description: 'Living IoT device ID.' }) },
    resolve: (_root, { iotId }, ctx) => reachable(ctx, checkIotId(iotId, 'iotId')),
  }),
  devices: t.field({
    type: [Device],
    nullable: { list: false, items: true },
    description: `Several devices at once, in the order asked (at most ${MAX_DEVICES} distinct; a repeated iotId is read once and answered at each of its positions). A device whose vendor call fails is null with its own error.`,
    args: {
      iotIds: t.arg.stringList({ required: true, description: 'Living IoT device IDs.' }),
    },
    extensions: cost({ items: (a) => listLength(a.iotIds) }),
    resolve: (_root, { iotIds }, ctx) => {
      if (new Set(iotIds).size > MAX_DEVICES) {
        throw badInput('iotIds', `must name at most ${MAX_DEVICES} devices`);
      }
      const checked = iotIds.map((iotId, i) => checkIotId(iotId, `iotIds[${i}]`));
      const read = new Map<string, Promise<DeviceShape>>();
      return checked.map((iotId) => {
        let device = read.get(iotId);
        if (!device) read.set(iotId, (device = failingAlone(reachable(ctx, iotId))));
        return device;
      });
    },
  }),
}));
