/** The billing index: the account's BSS orders kept by QueryOrders sweeps (docs/billing-index.md). */
import { LEASE_TTL_MS } from '../billing-index/lease.js';
import { bool, group, int, text, type Mode, type ValuesOf, v } from './parse.js';

/** The billing index: the account's BSS orders kept by QueryOrders sweeps (docs/billing-index.md). */
export interface BillingIndexConfig {
  enabled: boolean;
  /** How far back the sweeps reach. */
  horizonDays: number;
  /** The recent window, re-swept every `recentPeriodMs` (young orders change state). */
  recentHours: number;
  recentPeriodMs: number;
  /** How often everything older than the recent window is swept again. */
  fullSweepHours: number;
  /** With Redis: how long the sweep lease outlives its holder's last renewal. */
  leaseMs: number;
  /**
   * Without Redis: the directory of the index's SQLite file (null: the file is in memory), and
   * SQLite's page cache (MiB).
   */
  dataDir: string | null;
  sqliteCacheMb: number;
}

export const BILLING_INDEX_VARIABLES = group('Billing index', {
  BILLING_INDEX: v({
    description:
      "Keep the account's BSS orders in a read model filled by QueryOrders sweeps ([billing index](billing-index.md)).",
    parse: bool(),
    default: true,
  }),
  BILLING_INDEX_HORIZON_DAYS: v({
    description: 'How far back the sweeps reach (396: about 13 months).',
    parse: int(1, 3660),
    default: 396,
  }),
  BILLING_INDEX_RECENT_HOURS: v({
    description: 'The recent window, re-swept often (young orders change state).',
    parse: int(1, 24 * 31),
    default: 24,
  }),
  BILLING_INDEX_RECENT_PERIOD_MS: v({
    description: 'How often the recent window is swept.',
    parse: int(500, 3_600_000),
    default: 5_000,
  }),
  BILLING_INDEX_FULL_SWEEP_HOURS: v({
    description: 'How often everything older than the recent window is swept again.',
    parse: int(1, 24 * 366),
    default: 24,
  }),
  BILLING_INDEX_LEASE_MS: v({
    description:
      "With `REDIS_URL`: the sweep lease's expiry, so how soon another replica sweeps when the sweeping one dies. Longer than `BSS_TIMEOUT_MS` (the holder renews it between calls).",
    parse: int(1000, 600_000),
    default: LEASE_TTL_MS,
  }),
  DATA_DIR: v({
    description:
      "Without `REDIS_URL`: the directory of the index's SQLite file (one per BSS account), kept across restarts. Must be writable: the gateway does not start otherwise.",
    parse: text(),
    // The embedded emulator's orders live in its process: a file kept across demo runs would
    // hold orders of another day's dataset and purchases the emulator has forgotten.
    default: {
      doc: "`data`; demo mode: none (the index is in memory, as the embedded emulator's orders are)",
      of: (mode: Mode): string | null => (mode.demo ? null : 'data'),
    },
  }),
  BILLING_INDEX_SQLITE_CACHE_MB: v({
    description:
      "Without `REDIS_URL`: SQLite's page cache (MiB), the index's memory whatever the account's size (the rest of the file is read from disk, usually the OS's file cache; [sizing](billing-index.md#sizing-disk-and-redis)).",
    parse: int(1, 4096),
    default: 2,
  }),
});

export const billingIndexSettings = (
  values: ValuesOf<typeof BILLING_INDEX_VARIABLES>,
): BillingIndexConfig => ({
  enabled: values.BILLING_INDEX,
  horizonDays: values.BILLING_INDEX_HORIZON_DAYS,
  recentHours: values.BILLING_INDEX_RECENT_HOURS,
  recentPeriodMs: values.BILLING_INDEX_RECENT_PERIOD_MS,
  fullSweepHours: values.BILLING_INDEX_FULL_SWEEP_HOURS,
  leaseMs: values.BILLING_INDEX_LEASE_MS,
  dataDir: values.DATA_DIR,
  sqliteCacheMb: values.BILLING_INDEX_SQLITE_CACHE_MB,
});
