/** The billing index's metrics (README "Operations"), on the gateway's registry. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { BillingIndexStore } from './order-store.js';

const OUTCOME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface IndexMetrics {
  sweepCall(outcome: string): void;
  lookups(hits: number, misses: number): void;
}

export function createIndexMetrics(
  registry: Registry,
  store: BillingIndexStore,
  now: () => number,
): IndexMetrics {
  const registers = [registry];
  // Read at scrape time; a failing Redis leaves the gauges unset rather than failing /metrics.
  const fromState = (pick: (s: { from: number; to: number }, t: number) => number) =>
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
    lookups(hits, misses) {
      if (hits) lookups.inc({ result: 'hit' }, hits);
      if (misses) lookups.inc({ result: 'miss' }, misses);
    },
  };
}
