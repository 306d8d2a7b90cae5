/**
 * Prometheus metrics, one registry per gateway (tests run several in one process). Labels are
 * low-cardinality by construction: operation names are capped and checked, vendor APIs come from
 * our code, outcome codes are sanitised; nothing caller-supplied beyond that, no credentials.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheLookup, CacheStore } from '../caching/cache-store.js';
import type { BreakerState } from '../upstream/breaker.js';
import type { CallEvent } from '../upstream/call-event.js';
import type { Vendor } from '../upstream/vendor-error.js';
import type { Priority } from '../upstream/flow-control.js';
import { whenReady } from '../domain/maybe-promise.js';

/** Distinct operation names kept as labels; later ones are counted as `other`. */
const MAX_OPERATION_NAMES = 200;
const LABEL = /^[A-Za-z0-9_.:/-]{1,64}$/;

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface Metrics {
  registry: Registry;
  /** The vendor clients' `onCall` hook. */
  onVendorCall(event: CallEvent): void;
  observeRequest(operation: string | null | undefined, outcome: string, seconds: number): void;
  /** For the vendor-read cache decorator: one lookup. */
  cacheLookup(cache: string, hit: boolean): void;
  breakerState(vendor: Vendor, api: string, state: BreakerState): void;
  /** A source for the flow-control queue gauge, read at scrape time. */
  flowQueue(vendor: Vendor, queued: () => number): void;
  /** How long a call waited for its slot, by flow-control lane and caller class. */
  flowWait(vendor: Vendor, ms: number, priority: Priority, caller?: string): void;
  /** How long a call held its flow-control slot before it stopped being in flight. */
  flowHeld(vendor: Vendor, ms: number, priority: Priority): void;
  /** A source for the Redis gauge (1 answering, 0 down), read at scrape time. */
  redisUp(up: () => boolean): void;
  /** A Redis command that failed or was skipped during an outage; the store fell back. */
  redisFailure(store: string, op: string): void;
  /** A source for the replica-count gauge (the divisor of a vendor limit while Redis is down). */
  replicasSeen(count: () => number): void;
  /** A background refresh of a stale cache entry failed (the entry is served until it expires). */
  cacheRefreshFailed(cache: string): void;
  /** Budgets (src/server/use-budgets.ts), by caller class: points charged, refunded, refusals. */
  budgetCharged(caller: string, points: number): void;
  budgetRefunded(caller: string, points: number): void;
  budgetRefused(caller: string): void;
  /** A bucket's fill (available / max) as a charge found it. */
  budgetFill(caller: string, ratio: number): void;
  /** A source for the budgets' sharing gauge: 1 one bucket per caller for the fleet, 0 per replica. */
  budgetShared(shared: () => boolean): void;
}

const safe = (value: string): string => (LABEL.test(value) ? value : 'other');

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'subgate_' });
  const registers = [registry];

  const requests = new Counter({
    name: 'subgate_graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'subgate_graphql_request_duration_seconds',
    help: 'GraphQL operation latency.',
    labelNames: ['operation', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const vendorCalls = new Counter({
    name: 'subgate_vendor_calls_total',
    help: 'Vendor call attempts by vendor, API and outcome (ok or the vendor/our error code).',
    labelNames: ['vendor', 'api', 'outcome'],
    registers,
  });
  const vendorSeconds = new Histogram({
    name: 'subgate_vendor_call_duration_seconds',
    help: 'Vendor call attempt latency.',
    labelNames: ['vendor', 'api', 'outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3.5, 5, 10],
    registers,
  });
  const retries = new Counter({
    name: 'subgate_vendor_retries_total',
    help: 'Vendor call attempts after the first (read retries).',
    labelNames: ['vendor', 'api'],
    registers,
  });
  // A dashboard makes hundreds of lookups: each is two integer increments here, and the counter
  // takes them at scrape time (prom-client's labelled inc hashes its labels on every call).
  const lookups = new Map<string, { hit: number; miss: number }>(); // by label
  const lookupsByName = new Map<string, { hit: number; miss: number }>(); // cache names: ours
  new Counter({
    name: 'subgate_cache_lookups_total',
    help: 'Vendor-read cache lookups by cache and result (hit or miss).',
    labelNames: ['cache', 'result'],
    registers,
    collect() {
      for (const [name, counts] of lookups) {
        if (counts.hit > 0) this.inc({ cache: name, result: 'hit' }, counts.hit);
        if (counts.miss > 0) this.inc({ cache: name, result: 'miss' }, counts.miss);
        counts.hit = 0;
        counts.miss = 0;
      }
    },
  });
  const breaker = new Gauge({
    name: 'subgate_breaker_state',
    help: 'Circuit breaker per vendor API: 0 closed, 1 half-open, 2 open.',
    labelNames: ['vendor', 'api'],
    registers,
  });
  const breakerTransitions = new Counter({
    name: 'subgate_breaker_transitions_total',
    help: 'Circuit breaker state changes by the state entered.',
    labelNames: ['vendor', 'api', 'state'],
    registers,
  });
  const queueSources = new Map<Vendor, () => number>();
  new Gauge({
    name: 'subgate_flow_control_queue_length',
    help: 'Vendor calls waiting for a flow-control slot.',
    labelNames: ['vendor'],
    registers,
    collect() {
      for (const [vendor, queued] of queueSources) this.set({ vendor }, queued());
    },
  });
  const flowWait = new Histogram({
    name: 'subgate_flow_control_wait_seconds',
    help: 'Time vendor calls waited for a flow-control slot, by lane (request or background) and caller class (user, admin, none).',
    labelNames: ['vendor', 'priority', 'caller'],
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const flowHeld = new Histogram({
    name: 'subgate_flow_control_slot_held_seconds',
    help: "Time vendor calls held their flow-control slot in flight: from being let through until the vendor's answer began (or the call ended without one). The slot then counts one more window, so a lane sends at most its limit over (1 s + this) a second (docs/billing-index.md#one-budget).",
    labelNames: ['vendor', 'priority'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  let redisUp: (() => boolean) | undefined;
  new Gauge({
    name: 'subgate_redis_up',
    help: 'Redis (REDIS_URL) answering: 1, or 0 while the stores serve without it.',
    registers,
    collect() {
      if (redisUp) this.set(redisUp() ? 1 : 0);
    },
  });
  const redisFailures = new Counter({
    name: 'subgate_redis_failures_total',
    help: 'Redis commands that failed or were skipped while Redis was down, by store and operation.',
    labelNames: ['store', 'op'],
    registers,
  });
  let replicasSeen: (() => number) | undefined;
  new Gauge({
    name: 'subgate_replicas',
    help: 'Replicas sharing Redis, as last seen (or REPLICAS if more): each keeps 1/n of a vendor limit while Redis is down.',
    registers,
    collect() {
      if (replicasSeen) this.set(replicasSeen());
    },
  });
  const refreshFailures = new Counter({
    name: 'subgate_cache_refresh_failures_total',
    help: 'Background refreshes of stale cache entries that failed, by cache.',
    labelNames: ['cache'],
    registers,
  });

  const budgetCharged = new Counter({
    name: 'subgate_budget_points_charged_total',
    help: 'Budget points charged before operations ran (their estimates), by caller class.',
    labelNames: ['caller'],
    registers,
  });
  const budgetRefunded = new Counter({
    name: 'subgate_budget_points_refunded_total',
    help: 'Budget points given back after operations ran (estimate minus vendor calls made), by caller class.',
    labelNames: ['caller'],
    registers,
  });
  const budgetRefusals = new Counter({
    name: 'subgate_budget_refusals_total',
    help: "Requests refused with RATE_LIMITED (429) because the caller's budget could not cover them, by caller class.",
    labelNames: ['caller'],
    registers,
  });
  const budgetFill = new Histogram({
    name: 'subgate_budget_fill_ratio',
    help: "How full a caller's bucket was when a request was charged (1: full), by caller class.",
    labelNames: ['caller'],
    buckets: [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1],
    registers,
  });
  let budgetShared: (() => boolean) | undefined;
  new Gauge({
    name: 'subgate_budget_shared',
    help: 'Budgets: 1 one bucket per caller for the whole fleet (Redis), 0 per replica (no Redis, or Redis down).',
    registers,
    collect() {
      if (budgetShared) this.set(budgetShared() ? 1 : 0);
    },
  });

  const operations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    if (operations.has(name)) return name;
    if (operations.size >= MAX_OPERATION_NAMES) return 'other';
    operations.add(name);
    return name;
  };

  return {
    registry,
    onVendorCall(e) {
      const labels = { vendor: e.vendor, api: safe(e.api), outcome: safe(e.outcome) };
      vendorCalls.inc(labels);
      vendorSeconds.observe(labels, e.durationMs / 1000);
      if (e.attempt > 1) retries.inc({ vendor: e.vendor, api: labels.api });
    },
    observeRequest(operation, outcome, seconds) {
      const labels = { operation: operationLabel(operation), outcome: safe(outcome) };
      requests.inc(labels);
      requestSeconds.observe(labels, seconds);
    },
    cacheLookup(name, hit) {
      let counts = lookupsByName.get(name);
      if (!counts) {
        const label = safe(name);
        counts = lookups.get(label) ?? { hit: 0, miss: 0 };
        lookups.set(label, counts);
        lookupsByName.set(name, counts);
      }
      if (hit) counts.hit++;
      else counts.miss++;
    },
    breakerState(vendor, api, state) {
      breaker.set({ vendor, api: safe(api) }, BREAKER_VALUE[state]);
      breakerTransitions.inc({ vendor, api: safe(api), state });
    },
    flowQueue(vendor, queued) {
      queueSources.set(vendor, queued);
    },
    flowWait(vendor, ms, priority, caller = 'none') {
      flowWait.observe({ vendor, priority, caller: safe(caller) }, ms / 1000);
    },
    flowHeld(vendor, ms, priority) {
      flowHeld.observe({ vendor, priority }, ms / 1000);
    },
    redisUp(up) {
      redisUp = up;
    },
    redisFailure(store, op) {
      redisFailures.inc({ store: safe(store), op: safe(op) });
    },
    replicasSeen(count) {
      replicasSeen = count;
    },
    cacheRefreshFailed(cache) {
      refreshFailures.inc({ cache: safe(cache) });
    },
    budgetCharged(caller, points) {
      if (points > 0) budgetCharged.inc({ caller: safe(caller) }, points);
    },
    budgetRefunded(caller, points) {
      if (points > 0) budgetRefunded.inc({ caller: safe(caller) }, points);
    },
    budgetRefused(caller) {
      budgetRefusals.inc({ caller: safe(caller) });
    },
    budgetFill(caller, ratio) {
      budgetFill.observe({ caller: safe(caller) }, ratio);
    },
    budgetShared(shared) {
      budgetShared = shared;
    },
  };
}

/**
 * Counts a cache store's lookups as hits and misses (the vendor-read cache's hit rate). A store
 * that answers synchronously (in process) still does, so a hit costs no promise.
 */
export function withLookupMetrics(
  store: CacheStore,
  metrics: Metrics,
  name = 'vendor',
): CacheStore {
  const count = (found: CacheLookup) => {
    metrics.cacheLookup(name, found.value !== undefined);
    return found;
  };
  return {
    ...store,
    get(key) {
      const value = store.get(key);
      return whenReady(value, count);
    },
  };
}
