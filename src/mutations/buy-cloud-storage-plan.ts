/**
 * Buying a cloud-storage plan for a device (commodity/buy, 10 s server timeout; there is no
 * cloud-storage create): validated against the catalogue first, never retried blindly, at most once
 * per idempotency key, and visible to reads right after. The vendor answers only the `orderId`:
 * the order is read back by it.
 */
import type { Context } from '../server/context.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { objectCodec } from '../domain/json-codec.js';
import { loadAll } from '../loaders/paged-source.js';
import type { BuyCloudStoragePlanParams } from '../upstream/clients.js';
import { runIdempotentWrite } from './idempotent.js';
import { newOrderOn } from './new-order.js';
import { buyCloudStorageInput, checkOnSale } from './validation.js';
import { accessRefusal } from './write-errors.js';

/**
 * What a keyed buy records: the order as the vendor first answered it, so a replay gives the same
 * answer with no vendor call. `order` is null when its read back failed, and absent in records
 * made before the order was recorded (an `orderId` only): both are read back on replay.
 */
interface Bought {
  orderId: string;
  order: CloudStorageOrder | null;
}

const boughtCodec = objectCodec<Bought>({
  order: (json) => (json == null ? null : cloudStorageOrderCodec.decode(json)),
});

export interface BuyOptions {
  /**
   * The answer's device will read its cloud-storage summary (every order page): its first page is
   * read beside the order's read back, not after it.
   */
  readsDeviceSummary?: boolean;
}

export async function buyCloudStoragePlan(
  ctx: Context,
  raw: unknown,
  { readsDeviceSummary = false }: BuyOptions = {},
): Promise<CloudStorageOrder> {
  // A well-formed plan (code and specification) must also be on sale, with the other problems.
  const { idempotencyKey, ...input } = await checkOnSale(
    buyCloudStorageInput,
    raw,
    ['commodityCode', 'specification'],
    async ({ commodityCode, specification }) => {
      const plans = await ctx.cloudStoragePlans();
      return plans.some(
        (p) => p.commodityCode === commodityCode && p.specification === specification,
      )
        ? null
        : {
            field: 'input.specification',
            rule: `must be a plan on sale with commodityCode ${String(commodityCode)} (${
              plans
                .filter((p) => p.commodityCode === commodityCode)
                .map((p) => p.specification)
                .join(', ') || 'none'
            }; see cloudStoragePlans)`,
          };
    },
  );
  const { iotId } = input;
  const params = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as unknown as BuyCloudStoragePlanParams;
  const made = newOrderOn(
    () => ctx.devices.forgetDevice(iotId),
    () => loadAll(ctx.devices.cloudStorageOrders(iotId)),
    (o) =>
      o.commodityCode === input.commodityCode &&
      o.specification === input.specification &&
      o.copies === input.copies,
  );
  // The vendor answers only the id: the order is read back by it, and its BSS order (OrderId =
  // outOrderNo) goes into the billing index at once; a failed write-through is no failed purchase.
  const read = (orderId: string) =>
    ctx.services.ilop
      .getCloudStorageOrder({ iotId, orderId }, ctx.ilopCall())
      .catch((err: unknown) => Promise.reject(accessRefusal(err)));
  const writeThrough = async (order: CloudStorageOrder) => {
    if (order.outOrderNo) await ctx.billing.remember(order.outOrderNo).catch(() => {});
    return order;
  };
  let prefetched = false;
  try {
    const bought = await runIdempotentWrite<Bought>(
      {
        store: ctx.services.idempotency,
        scope: `${ctx.viewer.cacheKey}:buyCloudStoragePlan`,
        key: idempotencyKey ?? null,
        input,
        signal: ctx.signal,
        live: ctx.services.live,
        changed: ({ order }) => (order ? [order] : []),
        // The vendor has no client token: remember the device's orders, to find ours later.
        prepare: made.prepare,
        write: async () => ({
          orderId: await ctx.services.ilop.buyCloudStoragePlan(params, ctx.ilopCall()),
          order: null,
        }),
        complete: async (b) => {
          if (readsDeviceSummary) {
            // Read fresh after the write, by the request's loader the summary then finds it in.
            await ctx.devices.forgetDevice(iotId);
            prefetched = true;
            void loadAll(ctx.devices.cloudStorageOrders(iotId)).catch(() => {});
          }
          return { ...b, order: await writeThrough(b.order ?? (await read(b.orderId))) };
        },
        reconcile: async (before) => {
          const order = await made.find(before);
          return order && { orderId: order.orderId, order };
        },
      },
      boughtCodec,
    );
    if (bought.order) return bought.order;
    const order = await writeThrough(await read(bought.orderId));
    ctx.services.live.changed([order]);
    return order;
  } finally {
    // Reads after this one see the purchase (the prefetch was made after the write already).
    if (!prefetched) await ctx.devices.forgetDevice(iotId);
  }
}
