import type { Money } from './money.js';

/** A purchasable live-stream sharing plan (referenced by the create document `commodityCode`). */
export interface StreamingPlan {
  commodityCode: string;
  commodityName: string;
  months: number;
  /** Viewers that may watch at once. */
  quota: number;
  price: Money;
}
