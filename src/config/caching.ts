/** Redis (state shared by replicas) and the caches of vendor reads and query results. */
import { z } from 'zod';
import { fromZod, group, int, v } from './parse.js';

export const CACHING_VARIABLES = group('Caching and replicas', {
  REDIS_URL: v({
    description: 'Shared state for replicas: idempotency, vendor-read cache, flow control.',
    parse: fromZod(
      '`redis://` or `rediss://` URL',
      'a redis:// or rediss:// URL',
      z.string().regex(/^rediss?:\/\//),
    ),
    default: { doc: 'unset: in process', of: () => null },
    secret: true, // may carry a password
  }),
  REDIS_TIMEOUT_MS: v({
    description: 'Longest a Redis command may take before its store falls back to the vendor.',
    parse: int(10, 10_000),
    default: 250,
  }),
  REPLICAS: v({
    description:
      'Replicas sharing the vendor accounts: while Redis is down each keeps 1/REPLICAS of the QPS.',
    parse: int(1, 1000),
    default: 1,
  }),
  VENDOR_CACHE_TTL_MS: v({
    description: 'How long a vendor read is shared across requests, per caller (0: off).',
    parse: int(0, 600_000),
    default: 5_000,
  }),
  RESPONSE_CACHE_ENTRIES: v({
    description: 'Query results kept while the vendor reads behind them hold (0: off).',
    parse: int(0, 100_000),
    default: 100,
  }),
});
