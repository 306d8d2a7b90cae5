/**
 * What travels to subscribers (docs/subscriptions.md): a device's order as it now is, or a billing
 * order as the index now sees it. Events cross replicas as JSON, so each kind names its codec.
 */
import { billingOrderCodec, type BillingOrder } from '../domain/billing-order.js';
import { cloudStorageOrderCodec, type CloudStorageOrder } from '../domain/cloud-storage-order.js';
import { streamingOrderCodec, type StreamingOrder } from '../domain/streaming-order.js';

export type DeviceOrder = CloudStorageOrder | StreamingOrder;

/** Who saw the change: a write through subgate, the shared poller, or the billing index's sweep. */
export type EventSource = 'write' | 'poller' | 'index';

export type LiveEvent =
  | { type: 'order'; order: DeviceOrder; source: EventSource; at: number }
  | { type: 'billing'; order: BillingOrder; source: EventSource; at: number };

/** Living IoT's not-yet-settled states: an order in one may still change by itself. */
export function isTransient(order: DeviceOrder): boolean {
  return (
    order.paymentStatus === 'UNPAID' ||
    order.paymentStatus === 'PAYING' ||
    (order.kind === 'cloudStorage' && order.status === 'CREATING')
  );
}

/** One order across both kinds (their ids are the vendor's, per kind). */
export const orderKey = (order: { kind: string; orderId: string }) =>
  `${order.kind}:${order.orderId}`;

/** How far along its payment an order is: a subscriber never sees it move back. */
const PAYMENT_STEP = { UNPAID: 0, PAYING: 1, PAID: 2 } as const;
export const paymentStep = (order: DeviceOrder): number => PAYMENT_STEP[order.paymentStatus];

/** The fields whose change is an update: the same state twice is delivered once. */
export function orderState(order: DeviceOrder): string {
  return [
    order.status,
    order.paymentStatus,
    order.startTime?.getTime() ?? '',
    order.endTime?.getTime() ?? '',
    order.iotId,
  ].join('|');
}

/**
 * An order's key, state and payment step, worked out once per order object: every subscriber of
 * an event is handed the same object, and what each keeps of it (the states it has seen) is then
 * the same strings, not a copy per subscriber.
 */
export interface OrderFacts {
  readonly key: string;
  readonly state: string;
  readonly step: number;
}
const facts = new WeakMap<DeviceOrder, OrderFacts>();
export function orderFacts(order: DeviceOrder): OrderFacts {
  let f = facts.get(order);
  if (!f) {
    f = { key: orderKey(order), state: orderState(order), step: paymentStep(order) };
    facts.set(order, f);
  }
  return f;
}

export function billingState(order: BillingOrder): string {
  return `${order.paymentStatus ?? ''}|${order.paymentTime?.getTime() ?? ''}`;
}

/** An event back from its JSON (another replica's): dates decoded by the order's codec. */
export function decodeEvent(json: unknown): LiveEvent {
  const e = json as LiveEvent;
  if (e.type === 'billing') return { ...e, order: billingOrderCodec.decode(e.order) };
  const codec = e.order.kind === 'cloudStorage' ? cloudStorageOrderCodec : streamingOrderCodec;
  return { ...e, order: codec.decode(e.order) as DeviceOrder };
}
