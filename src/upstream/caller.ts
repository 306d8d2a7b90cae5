/**
 * Who a vendor call is made for, as the flow-control queue and the budgets see it: a hashed key
 * (Viewer.cacheKey, never the credential), the caller's class, and the tally of calls sent for
 * the operation (its budget is charged those: src/server/use-budgets.ts).
 */
import type { CallerClass } from '../config/budgets.js';

export interface Caller {
  key: string;
  kind: CallerClass;
  /** One attempt was sent to the vendor (it took a flow-control slot). */
  sent(): void;
}
