/** Per-caller budgets: a leaky bucket of points per caller class (docs/budgets.md). */
import type { BucketSize } from '../budgets/leaky-bucket.js';
import { bool, group, int, v, type ValuesOf } from './parse.js';

/** Who a bucket belongs to: a user token's hash, or an admin key's (its own, larger budget). */
export type CallerClass = 'user' | 'admin';

export interface BudgetsConfig {
  enabled: boolean;
  classes: Record<CallerClass, BucketSize>;
}

const points = (who: string, fallback: number) =>
  v({
    description: `Points the bucket of ${who} holds: the most one request (a batch: all its operations) may be estimated to cost.`,
    parse: int(1, 100_000_000),
    default: fallback,
  });
const restore = (who: string, fallback: number) =>
  v({
    description: `Points the bucket of ${who} gets back per second (its sustained vendor calls per second).`,
    parse: int(1, 10_000_000),
    default: fallback,
  });

export const BUDGET_VARIABLES = group('Budgets', {
  GATEWAY_BUDGETS: v({
    description:
      "Charge each caller its operations' vendor calls from a leaky bucket ([budgets](budgets.md)).",
    parse: bool(),
    default: true,
  }),
  GATEWAY_BUDGET_USER_POINTS: points('each user token', 10_000),
  GATEWAY_BUDGET_USER_RESTORE: restore('each user token', 100),
  GATEWAY_BUDGET_ADMIN_POINTS: points('each admin key', 100_000),
  GATEWAY_BUDGET_ADMIN_RESTORE: restore('each admin key', 1_000),
});

export const budgetsSettings = (values: ValuesOf<typeof BUDGET_VARIABLES>): BudgetsConfig => ({
  enabled: values.GATEWAY_BUDGETS,
  classes: {
    user: {
      max: values.GATEWAY_BUDGET_USER_POINTS,
      restorePerSecond: values.GATEWAY_BUDGET_USER_RESTORE,
    },
    admin: {
      max: values.GATEWAY_BUDGET_ADMIN_POINTS,
      restorePerSecond: values.GATEWAY_BUDGET_ADMIN_RESTORE,
    },
  },
});
