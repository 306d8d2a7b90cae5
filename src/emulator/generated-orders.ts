/**
 * A generated BSS account of any size (the dataset's `generatedBillingOrders`): order i is a pure
 * function of (seed, i), created `everySeconds` before order i − 1, so the account takes no
 * memory and a CreateTime window is an index range found by arithmetic. QueryOrders merges it
 * with the dataset's own billing orders (bss.ts). Every generated order is final (Paid,
 * Cancelled, or a Refund): an account whose orders have all settled.
 */
import { z } from 'zod';
import { formatUtc, parseUtc } from './clock.js';
import type { BillingOrder } from './dataset-schema.js';
import { mulberry32 } from './prng.js';

export const generatedOrdersSchema = z.object({
  count: z.number().int().min(0).max(10_000_000),
  seed: z.number().int().min(0).max(99),
  /** CreateTime of order 0, the newest (yyyy-MM-ddTHH:mm:ssZ). */
  newest: z.string().refine((s) => parseUtc(s) !== undefined, 'a UTC time'),
  everySeconds: z.number().int().min(1).max(86_400),
});
export type GeneratedOrdersSpec = z.infer<typeof generatedOrdersSchema>;

export interface GeneratedOrders {
  readonly count: number;
  order(i: number): BillingOrder;
  /** The indexes [lo, hi) of the orders created in [from, to] (epoch ms, inclusive). */
  range(from: number, to: number): [number, number];
  byId(orderId: string): BillingOrder | undefined;
}

const PRODUCTS = [
  ['linkvisual', 'linkvisual_cloudstorage', 'linkvisual_cloudstorage_pre'],
  ['linkvisual', 'linkvisual_cloudstorage', 'linkvisual_cloudstorage_post'],
  ['linkvisual', 'linkvisual_cloudstorage', 'linkvisual_cloudstorage_pre'],
  ['linkvisual', 'linkvisual_ai', 'linkvisual_ai_pre'],
  ['ecs', 'ecs', 'ecs'],
  ['oss', 'oss', 'oss'],
] as const;

export function generatedOrders(spec: GeneratedOrdersSpec): GeneratedOrders {
  const newest = parseUtc(spec.newest)!;
  const step = spec.everySeconds * 1000;
  const prefix = `7${String(spec.seed).padStart(2, '0')}`;
  const idOf = (i: number) => prefix + String(i).padStart(12, '0');

  function order(i: number): BillingOrder {
    const rand = mulberry32(spec.seed * 1_000_003 + i);
    const at = newest - i * step;
    const [code, type, commodity] = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!;
    const roll = rand();
    const refund = roll < 0.03;
    const cancelled = !refund && roll < 0.05;
    const amount = ((1 + Math.floor(rand() * 30_000)) / 100).toFixed(2);
    const signed = refund ? `-${amount}` : amount;
    return {
      OrderId: idOf(i),
      ...(refund && i + 1 < spec.count ? { RelatedOrderId: idOf(i + 1) } : {}),
      CreateTime: formatUtc(at),
      ...(cancelled ? {} : { PaymentTime: formatUtc(at + 20_000) }),
      ProductCode: code,
      ProductType: type,
      CommodityCode: commodity,
      SubscriptionType: 'Subscription',
      OrderType: refund ? 'Refund' : roll < 0.35 ? 'New' : roll < 0.95 ? 'Renew' : 'Upgrade',
      PaymentStatus: refund ? null : cancelled ? 'Cancelled' : 'Paid',
      Currency: 'CNY',
      PaymentCurrency: 'CNY',
      PretaxGrossAmount: signed,
      PretaxAmount: signed,
      Tax: '0.00',
      AfterTaxAmount: signed,
      PretaxAmountLocal: signed,
    };
  }

  return {
    count: spec.count,
    order,
    range(from, to) {
      // at(i) = newest − i·step is in [from, to] for i in [ceil((newest−to)/step), floor((newest−from)/step)].
      const lo = Math.max(0, Math.ceil((newest - to) / step));
      const hi = Math.min(spec.count, Math.floor((newest - from) / step) + 1);
      return [lo, Math.max(lo, hi)];
    },
    byId(orderId) {
      if (orderId.length !== prefix.length + 12 || !orderId.startsWith(prefix)) return undefined;
      const i = Number(orderId.slice(prefix.length));
      return Number.isInteger(i) && i < spec.count ? order(i) : undefined;
    },
  };
}
