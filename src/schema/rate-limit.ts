import type { OperationBudget } from '../budgets/leaky-bucket.js';
import { builder } from './builder.js';
import { NO_CALLS } from './field-cost.js';

const RateLimit = builder.objectRef<OperationBudget>('RateLimit').implement({
  description:
    "The caller's budget of vendor calls (docs/budgets.md), as GitHub's `rateLimit`: a leaky bucket of points that refills at `restoreRate` per second.",
  fields: (t) => ({
    cost: t.int({
      description:
        "This operation's estimated cost, charged before it ran (unspent points come back once it has run).",
      resolve: (b) => b.cost,
    }),
    limit: t.int({ description: 'Points the bucket holds when full.', resolve: (b) => b.size.max }),
    remaining: t.int({
      description: 'Points left after this operation was charged.',
      resolve: (b) => Math.floor(b.reading.available),
    }),
    restoreRate: t.int({
      description: 'Points restored per second.',
      resolve: (b) => b.size.restorePerSecond,
    }),
    resetAt: t.field({
      type: 'DateTime',
      description: 'When the bucket is full again.',
      resolve: (b) => new Date(b.reading.fullAt),
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimit,
    nullable: true,
    description: "The caller's budget as this operation found it; free. Null when budgets are off.",
    extensions: NO_CALLS,
    resolve: (_root, _args, ctx) => {
      // The bucket moves between requests: a result holding it is not reused (response cache).
      ctx.reads.untracked();
      return ctx.budget ?? null;
    },
  }),
);
