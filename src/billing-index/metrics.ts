/** The billing index's metrics (README "Operations"), on the gateway's registry. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { BillingIndexStore, SweepState } from './order-store.js';

const OUTCOME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface IndexMetrics {
  sweepCall(outcome: string): void;
  lookups(hits: number, misses: number): void;
  /** A re-swept window confirmed by its first page, `skipped` pages not read. */
  confirmed(skipped: number): void;
}

export function createIndexMetrics(
  registry: Registry,
  store: BillingIndexStore,
  now: () => number,
  horizonMs: number,
): IndexMetrics {
  const registers = [registry];
  // Read at scrape time; a failing Redis leaves the gauges unset rather than failing /metrics.
  const fromState = (pick: (s: SweepState, t: number) => number) =>
    async function (this: Gauge) {
      const state = await store.state().catch(() => null);
      if (state) this.set(pick(state, now()));
    };
  new Gauge({
    name: 'subgate_billing_index_orders',
    help: 'BSS orders held in the billing index.',
    registers,
    async collect() {
      const size = await store.size().catch(() => null);
      if (size !== null) this.set(size);
    },
  });
  new Gauge({
    name: 'subgate_billing_index_oldest_swept_seconds',
    help: 'Oldest CreateTime the sweeps have covered (epoch seconds).',
    registers,
    collect: fromState((s) => s.from / 1000),
  });
  new Gauge({
    name: 'subgate_billing_index_newest_swept_seconds',
    help: 'Newest CreateTime the sweeps have covered (epoch seconds).',
    registers,
    collect: fromState((s) => s.to / 1000),
  });
  new Gauge({
    name: 'subgate_billing_index_sweep_lag_seconds',
    help: 'How far the newest swept CreateTime is behind now (seconds).',
    registers,
    collect: fromState((s, t) => Math.max(0, t - s.to) / 1000),
  });
  // Redis has no per-key size: its INFO's used_memory tells (docs/billing-index.md, sizing).
  new Gauge({
    name: 'subgate_billing_index_store_bytes',
    help: "Bytes the billing index's SQLite file takes (with its write-ahead log).",
    registers,
    async collect() {
      const bytes = await store.bytes().catch(() => null);
      if (bytes !== null) this.set(bytes);
    },
  });
  new Gauge({
    name: 'subgate_billing_index_bytes_per_order',
    help: "The billing index's SQLite file size over the orders it holds.",
    registers,
    async collect() {
      const [bytes, size] = await Promise.all([store.bytes(), store.size()]).catch(() => [null, 0]);
      if (bytes !== null && size) this.set(Math.round(bytes / size));
    },
  });
  const windows = new Counter({
    name: 'subgate_billing_index_resweep_windows_confirmed_total',
    help: 'Re-swept windows confirmed by their first QueryOrders page (count equal, all final).',
    registers,
  });
  const skipped = new Counter({
    name: 'subgate_billing_index_resweep_calls_saved_total',
    help: 'QueryOrders pages the confirmed windows did not read (calls a page-by-page re-sweep makes).',
    registers,
  });
  new Gauge({
    name: 'subgate_billing_index_full_sweep_started_seconds',
    help: 'When the last full re-sweep began (epoch seconds).',
    registers,
    collect: fromState((s) => s.fullSweepAt / 1000),
  });
  new Gauge({
    name: 'subgate_billing_index_back_sweep_pending_seconds',
    help: 'How much of the horizon the first fill or the running re-sweep has yet to sweep (seconds of CreateTime).',
    registers,
    collect: fromState((s, t) => Math.max(0, s.backCursor - (t - horizonMs)) / 1000),
  });
  const calls = new Counter({
    name: 'subgate_billing_index_sweep_calls_total',
    help: 'QueryOrders calls made by index sweeps, by outcome (ok or the error code).',
    labelNames: ['outcome'],
    registers,
  });
  const lookups = new Counter({
    name: 'subgate_billing_index_lookups_total',
    help: 'Billing orders asked of the index by requests: hit, or miss (then GetOrderDetail).',
    labelNames: ['result'],
    registers,
  });
  return {
    sweepCall: (outcome) => calls.inc({ outcome: OUTCOME.test(outcome) ? outcome : 'other' }),
    confirmed(pages) {
      windows.inc();
      skipped.inc(pages);
    },
    lookups(hits, misses) {
      if (hits) lookups.inc({ result: 'hit' }, hits);
      if (misses) lookups.inc({ result: 'miss' }, misses);
    },
  };
}
