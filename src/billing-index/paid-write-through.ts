/**
 * A payment seen settling on this replica (a pay call's answer, the shared poller's read) puts the
 * order's BSS billing order into the index at once: BSS turns it Paid at the same moment Living IoT
 * does (docs/vendors.md), and `billingOrders` should not wait for the next recent sweep to say so.
 * One GetOrderDetail per billing order, in the flow control's background lane; an order already
 * written through here is not read again (a replay, a second subscriber's poll).
 */
import type { BssApi } from '../upstream/clients.js';
import type { Logger } from '../ops/logger.js';
import type { BillingIndex } from './billing-index.js';

/** Billing orders remembered as written through, oldest forgotten first. */
const REMEMBERED = 10_000;

export function createPaidWriteThrough(
  index: BillingIndex,
  bss: BssApi,
  logger: Logger,
): (outOrderNo: string) => Promise<void> {
  const done = new Set<string>();
  return async (outOrderNo) => {
    if (done.has(outOrderNo)) return;
    done.add(outOrderNo);
    if (done.size > REMEMBERED) done.delete(done.values().next().value!);
    try {
      const order = await bss.getOrderDetail(outOrderNo, { priority: 'background' });
      if (order) await index.add([order]);
    } catch (err) {
      // The next recent sweep brings it instead.
      done.delete(outOrderNo);
      logger.debug({ err, outOrderNo }, 'writing a paid billing order through failed');
    }
  };
}
