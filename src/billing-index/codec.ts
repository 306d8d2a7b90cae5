/** A billing order as one JSON string (the Redis index), dates as ISO strings and back. */
import type { BillingOrder } from '../domain/billing-order.js';

const DATES = new Set(['createTime', 'paymentTime']);

export const encodeOrder = (order: BillingOrder): string => JSON.stringify(order);

export const decodeOrder = (json: string): BillingOrder =>
  JSON.parse(json, (key, value) =>
    DATES.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as BillingOrder;
