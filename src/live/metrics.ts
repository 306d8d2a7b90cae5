/** Live updates' metrics (docs/subscriptions.md, operations), on the gateway's registry. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EventSource, LiveEvent } from './events.js';

/** How a subscription reached us: yoga's SSE, or graphql-ws over a WebSocket. */
export type Transport = 'sse' | 'ws';

const OUTCOME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface LiveMetrics {
  published(event: LiveEvent, from: 'here' | 'replica'): void;
  delivered(transport: Transport, source: EventSource, lagMs: number): void;
  pollerRead(api: string, outcome: string): void;
  /** One event executed for one group of alike subscribers. */
  executed(): void;
}

export function createLiveMetrics(
  registry: Registry,
  open: () => Record<Transport, number>,
  watched: () => number,
): LiveMetrics {
  const registers = [registry];
  new Gauge({
    name: 'subgate_subscriptions_open',
    help: 'Open GraphQL subscriptions on this replica, by transport.',
    labelNames: ['transport'],
    registers,
    collect() {
      for (const [transport, n] of Object.entries(open())) this.set({ transport }, n);
    },
  });
  new Gauge({
    name: 'subgate_subscription_watched_orders',
    help: 'Orders in a transient state the shared poller watches on this replica.',
    registers,
    collect() {
      this.set(watched());
    },
  });
  const published = new Counter({
    name: 'subgate_subscription_events_published_total',
    help: 'Live events published here (by source), or received from another replica over Redis.',
    labelNames: ['type', 'source', 'from'],
    registers,
  });
  const delivered = new Counter({
    name: 'subgate_subscription_events_delivered_total',
    help: 'Live events delivered to a subscriber, by transport.',
    labelNames: ['transport', 'source'],
    registers,
  });
  const lag = new Histogram({
    name: 'subgate_subscription_delivery_lag_seconds',
    help: 'From subgate seeing a change (a write, a poller read, a sweep) to its delivery to a subscriber.',
    labelNames: ['source'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const executions = new Counter({
    name: 'subgate_subscription_executions_total',
    help: 'Live events executed, once per group of subscribers with the same document, variables and visibility.',
    registers,
  });
  const reads = new Counter({
    name: 'subgate_subscription_poller_reads_total',
    help: "The shared poller's vendor reads, by API and outcome.",
    labelNames: ['api', 'outcome'],
    registers,
  });
  return {
    published: (event, from) => published.inc({ type: event.type, source: event.source, from }),
    delivered(transport, source, lagMs) {
      delivered.inc({ transport, source });
      lag.observe({ source }, Math.max(0, lagMs) / 1000);
    },
    executed: () => executions.inc(),
    pollerRead: (api, outcome) =>
      reads.inc({ api, outcome: OUTCOME.test(outcome) ? outcome : 'other' }),
  };
}
