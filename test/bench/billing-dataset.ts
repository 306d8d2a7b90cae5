/**
 * The benchmark's account (BENCHMARKS.md, method): the generated devices and orders, with the
 * billing side shaped as the targets state it: each device's orders paid by a few billing orders
 * (150 distinct behind the dashboard of 50 devices × 10 orders), the account's billing orders
 * spread over `spreadDays`, and orders of other products as noise up to `billingOrders` in all.
 */
import { startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { BillingOrder, Dataset } from '../../src/emulator/dataset-schema.js';
import { mulberry32 } from '../../src/emulator/prng.js';

export interface BillingShape {
  /** Billing orders in the account, noise included. */
  billingOrders: number;
  /** Distinct billing orders behind each device's orders. */
  perDevice: number;
  /** Every billing order's CreateTime falls within this many days before `now`. */
  spreadDays: number;
}

export const DEFAULT_BILLING_SHAPE: BillingShape = {
  billingOrders: 500,
  perDevice: 3,
  spreadDays: 200,
};

const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export function shapeBilling(
  dataset: Dataset,
  now: number,
  seed: number,
  shape = DEFAULT_BILLING_SHAPE,
): Dataset {
  const rand = mulberry32(seed);
  const billing = new Map(dataset.billingOrders.map((o) => [o.OrderId, o]));
  // Each device's orders in `perDevice` runs, each run paid by its first order's billing order.
  const byDevice = new Map<string, typeof dataset.cloudStorageOrders>();
  for (const order of dataset.cloudStorageOrders) {
    if (order.iotId === null) continue;
    const list = byDevice.get(order.iotId) ?? [];
    list.push(order);
    byDevice.set(order.iotId, list);
  }
  for (const orders of byDevice.values()) {
    const run = Math.ceil(orders.length / shape.perDevice);
    orders.forEach((order, i) => {
      const payer = orders[i - (i % run)]!.outOrderNo;
      if (payer !== order.outOrderNo) billing.delete(order.outOrderNo);
      order.outOrderNo = payer;
    });
  }
  // Spread over the window, keeping their order in time.
  const kept = [...billing.values()];
  const oldest = Math.min(...kept.map((o) => Date.parse(o.CreateTime)));
  const scale = (shape.spreadDays * DAY - DAY) / Math.max(1, now - oldest);
  for (const order of kept) {
    const at = now - Math.round((now - Date.parse(order.CreateTime)) * scale) - 60_000;
    const paidAfter = order.PaymentTime
      ? Date.parse(order.PaymentTime) - Date.parse(order.CreateTime)
      : null;
    order.CreateTime = utc(at);
    if (paidAfter !== null) order.PaymentTime = utc(at + paidAfter);
  }
  // Other products' orders up to the total.
  const noise: BillingOrder[] = [];
  for (let i = kept.length; i < shape.billingOrders; i++) {
    const at = now - Math.floor(rand() * shape.spreadDays * DAY);
    const amount = (1 + Math.floor(rand() * 50_000)) / 100;
    const product = rand() < 0.5 ? 'ecs' : 'oss';
    noise.push({
      OrderId: `3${String(i).padStart(6, '0')}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      CreateTime: utc(at),
      PaymentTime: utc(at + 20_000),
      ProductCode: product,
      ProductType: product,
      CommodityCode: product,
      SubscriptionType: 'PayAsYouGo',
      OrderType: 'New',
      PaymentStatus: 'Paid',
      Currency: 'CNY',
      PaymentCurrency: 'CNY',
      PretaxGrossAmount: amount.toFixed(2),
      PretaxAmount: amount.toFixed(2),
      Tax: '0.00',
      AfterTaxAmount: amount.toFixed(2),
      PretaxAmountLocal: amount.toFixed(2),
    });
  }
  return { ...dataset, billingOrders: [...kept, ...noise] };
}

/** A generated account of `devices` devices (orders as of today), its billing shaped as above. */
export function billingAccount(
  seed: number,
  devices: number,
  shape: Partial<BillingShape> = {},
  now = Date.now(),
): Dataset {
  return shapeBilling(generateDataset({ seed, now: startOfUtcDay(now), devices }), now, seed, {
    ...DEFAULT_BILLING_SHAPE,
    ...shape,
  });
}
