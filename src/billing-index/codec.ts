/** A billing order as one JSON string (the Redis index), decoded by the domain's BillingOrder codec. */
import { billingOrderCodec, type BillingOrder } from '../domain/billing-order.js';

export const encodeOrder = (order: BillingOrder): string => JSON.stringify(order);

export const decodeOrder = (json: string): BillingOrder =>
  billingOrderCodec.decode(JSON.parse(json));
