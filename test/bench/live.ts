/**
 * `npm run bench:live` (and the "live" section of `npm run bench`): 1,000 SSE subscribers of one
 * device's orders on one replica, 16 connections of query traffic beside them, one order changing
 * per second (BENCHMARKS.md, Live updates). Reports the delivery lag of writes through subgate
 * and of vendor-side changes found by the shared poller (p50/p99), the poller's vendor reads with
 * 1 and with 1,000 subscribers on one order, RSS per open subscription, query throughput with and
 * without the subscribers, and the write lag across two replicas on a real Redis.
 *   --subscribers <n> (BENCH_LIVE_SUBSCRIBERS, 1000)  --seconds <s> (BENCH_LIVE_SECONDS, 10)
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_DEVICES, demoDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { ACCESS_KEY, APP, emulatorControl, vendorEnv } from '../harness.js';
import { sample, startRedis } from '../integration/ops-support.js';
import { forkServer, type ServerChild } from './server-child.js';

const ADMIN_KEY = 'bench-admin-key-0123456789';
/** A device with no orders: the only transient orders the poller watches are the bench's own. */
const DEVICE = DEMO_DEVICES.carolNoOrders;
const STREAMING_GET = '/vision/customer/streaming/order/get';
const POLL_INTERVAL_MS = 1_000;
const SUBSCRIBE = JSON.stringify({
  query: `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId paymentStatus } }`,
  variables: { iotId: DEVICE },
});
const PURCHASE = `mutation { purchaseStreamingPlan(input: { iotId: "${DEVICE}", commodityCode: "streamingResource_20_10", copies: 1 }) { ... on PurchaseStreamingPlanPayload { order { orderId } } } }`;
const QUERY = JSON.stringify({
  query: `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorage { serviceEndsAt } cloudStorageOrders(first: 5) { totalCount edges { node { orderId status } } } } }`,
});
const headers = { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY };

export interface LiveOptions {
  subscribers: number;
  seconds: number;
  latencyMs: number;
  connections: number;
  log: (line: string) => void;
}

/** Subscribers in their own process (live-subscribers.ts): when each received each update. */
interface Subscribers {
  n: number;
  /** Receipt times (epoch ms) of `orderId:paymentStatus`, one per subscriber that got it. */
  seen(): Promise<Map<string, number[]>>;
  close(): Promise<void>;
}

const NONE: Subscribers = { n: 0, seen: async () => new Map(), close: async () => {} };

async function openAll(server: ServerChild, n: number): Promise<Subscribers> {
  const child = fork(new URL('./live-subscribers.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(msg: object, answer: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      child.send(msg);
    });
  await ask({ type: 'open', url: server.url, n, body: SUBSCRIBE, headers }, 'opened');
  await until(async () => (await openCount(server)) >= n);
  return {
    n,
    async seen() {
      const r = await ask<{ seen: Record<string, number[]> }>({ type: 'report' }, 'seen');
      return new Map(Object.entries(r.seen));
    },
    async close() {
      await ask({ type: 'close' }, 'closed');
      child.kill();
    },
  };
}

/**
 * The server's own delivery lag (from subgate seeing the change, right after the vendor answered a
 * write, to the update's delivery) as histogram quantiles: the smallest bucket bound holding p%.
 */
async function serverLag(server: ServerChild, source: string) {
  const text = await metricsOf(server);
  const buckets: [number, number][] = [];
  for (const line of text.split('\n')) {
    const m = /^subgate_subscription_delivery_lag_seconds_bucket\{(.*)\} (\d+)$/.exec(line);
    if (!m || !m[1]!.includes(`source="${source}"`)) continue;
    const le = /le="([^"]+)"/.exec(m[1]!)![1]!;
    buckets.push([le === '+Inf' ? Infinity : Number(le) * 1000, Number(m[2])]);
  }
  buckets.sort((a, b) => a[0] - b[0]);
  const count = buckets.at(-1)?.[1] ?? 0;
  const q = (p: number) => buckets.find(([, n]) => n >= (p / 100) * count)?.[0] ?? NaN;
  return { p50: q(50), p99: q(99), samples: count };
}

const metricsOf = (server: ServerChild) =>
  fetch(new URL('/metrics', server.url)).then((r) => r.text());
const openCount = async (server: ServerChild) =>
  sample(await metricsOf(server), 'subgate_subscriptions_open');

async function until(ok: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('live bench: timed out waiting');
    await sleep(100);
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function buy(server: ServerChild): Promise<{ orderId: string; at: number }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: PURCHASE }),
  });
  const at = Date.now();
  const body = await res.json();
  const orderId = body.data?.purchaseStreamingPlan?.order?.orderId;
  if (!orderId) throw new Error(`live bench: purchase failed ${JSON.stringify(body)}`);
  return { orderId, at };
}

/** The vendor settles the order (the emulator's control API): what the poller must find. */
async function settle(control: ReturnType<typeof emulatorControl>, orderId: string) {
  const state = await control('GET', 'state');
  const order = state.streamingOrders.find((o: { orderId: string }) => o.orderId === orderId);
  order.paymentStatus = 1;
  await control('PUT', 'state', state);
  return Date.now();
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function streamingReads(emulator: Emulator) {
  const calls = (await emulatorControl(emulator.url)('GET', 'calls')) as {
    byApi: Record<string, number>;
  };
  return calls.byApi[STREAMING_GET] ?? 0;
}

/** The poller's reads of one unpaid order over `seconds`; the order is settled after. */
async function pollerReads(
  server: ServerChild,
  emulator: Emulator,
  control: ReturnType<typeof emulatorControl>,
  seconds: number,
) {
  const { orderId } = await buy(server);
  const before = await streamingReads(emulator);
  await sleep(seconds * 1000);
  const reads = (await streamingReads(emulator)) - before;
  await settle(control, orderId);
  await sleep(POLL_INTERVAL_MS * 2); // the poller reads it settled and lets it go
  return reads;
}

async function throughput(server: ServerChild, connections: number, seconds: number) {
  const r = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers,
    body: QUERY,
  });
  return r.requests.average;
}

interface Lags {
  /** From sending the mutation to each subscriber's receipt (the write's vendor call included). */
  write: number[];
  /** Receipt relative to the mutation's response (negative: the update came first). */
  beforeResponse: number[];
  /** From the write's publication (right after the vendor's answer) to each receipt, at the client. */
  published: number[];
  /** From the vendor-side change (the control API's answer) to each receipt. */
  poll: number[];
  missed: number;
}

/**
 * `seconds` of query traffic while one order changes per second: bought through subgate (an
 * update from the write), then settled at the vendor (an update from the poller).
 */
async function changingLoad(
  server: ServerChild,
  control: ReturnType<typeof emulatorControl>,
  subs: Subscribers,
  o: LiveOptions,
): Promise<{ throughput: number; lags: Lags }> {
  const lags: Lags = { write: [], beforeResponse: [], published: [], poll: [], missed: 0 };
  const traffic = throughput(server, o.connections, o.seconds);
  // One at a time: a state PUT racing a purchase would drop the new order from the dataset.
  const changes: { orderId: string; sent: number; at: number; settledAt?: number }[] = [];
  for (let i = 0; i <= o.seconds; i++) {
    const tick = sleep(1000);
    const previous = changes.at(-1);
    if (i < o.seconds) {
      const sent = Date.now();
      changes.push({ ...(await buy(server)), sent });
    }
    if (previous) previous.settledAt = await settle(control, previous.orderId);
    await tick;
  }
  const done = await traffic;
  await sleep(POLL_INTERVAL_MS * 3);
  const seen = await subs.seen();
  const published = await server.published();
  for (const c of changes) {
    const bought = seen.get(`${c.orderId}:UNPAID`) ?? [];
    const paid = seen.get(`${c.orderId}:PAID`) ?? [];
    lags.missed += 2 * subs.n - bought.length - paid.length;
    const at = published.get(`${c.orderId}:UNPAID`);
    for (const t of bought) {
      lags.write.push(t - c.sent);
      lags.beforeResponse.push(t - c.at);
      if (at !== undefined) lags.published.push(t - at);
    }
    for (const t of paid) lags.poll.push(t - c.settledAt!);
  }
  return { throughput: done, lags };
}

const stats = (xs: number[]) => ({ p50: pct(xs, 50), p99: pct(xs, 99), samples: xs.length });
type Stats = ReturnType<typeof stats>;

export interface LiveResult {
  subscribers: number;
  writeLag: Stats;
  /** Server-side, from the write's vendor answer to delivery (histogram bucket bounds). */
  serverWriteLag: Stats;
  beforeResponse: Stats;
  /** At the client, from the write's publication on the server (the vendor's answer). */
  publishedLag: Stats;
  pollLag: Stats;
  missed: number;
  pollerReads: { one: number; many: number; seconds: number; intervalMs: number };
  rssPerSubscriptionKb: number;
  heapPerSubscriptionKb: number;
  throughput: { without: number; with: number };
  /** Queries alone, and beside the subscribers with no order changing: what open streams cost. */
  idleThroughput: { without: number; with: number };
  replicas: (Stats & { missed: number; server: Stats; published: Stats }) | null;
}

export async function runLive(o: LiveOptions): Promise<LiveResult> {
  const emulator = await createEmulator({
    apps: [APP],
    accessKeys: [ACCESS_KEY],
    latencyMs: o.latencyMs,
    dataset: demoDataset(),
  });
  const control = emulatorControl(emulator.url);
  const env = (extra: Record<string, string> = {}) => ({
    ...vendorEnv(emulator.url),
    GATEWAY_ADMIN_KEYS: ADMIN_KEY,
    PORT: '0',
    NODE_ENV: 'production',
    SUBSCRIPTIONS_MAX_PER_CALLER: String(o.subscribers + 10),
    SUBSCRIPTIONS_MAX_TOTAL: String(o.subscribers + 10),
    SUBSCRIPTIONS_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
    ...extra,
  });
  const fork = {
    nodeFlags: ['--expose-gc'],
    ...(process.env.BENCH_LIVE_PROF ? { cpuProfDir: process.env.BENCH_LIVE_PROF } : {}),
  };
  const settledRss = async (server: ServerChild) => {
    await server.memory();
    await sleep(500);
    return server.memory();
  };
  const server = await forkServer({ mode: 'batched', env: env() }, fork);
  try {
    o.log('live: warm-up, and the poller reads with 1 subscriber');
    await throughput(server, o.connections, 2);
    const one = await openAll(server, 1);
    const readsOne = await pollerReads(server, emulator, control, 5);
    await one.close();
    await until(async () => (await openCount(server)) === 0);

    o.log(`live: ${o.seconds} s of queries and changing orders, no subscribers`);
    const without = await changingLoad(server, control, NONE, o);
    o.log(`live: ${o.seconds} s of queries alone`);
    const quiet = await throughput(server, o.connections, o.seconds);

    const rss0 = await settledRss(server);
    o.log(`live: opening ${o.subscribers} SSE subscribers`);
    const subs = await openAll(server, o.subscribers);
    const rssN = await settledRss(server);
    o.log(`live: ${o.seconds} s of queries beside ${o.subscribers} idle subscribers`);
    const idle = await throughput(server, o.connections, o.seconds);

    o.log(`live: poller reads with ${o.subscribers} subscribers`);
    const readsMany = await pollerReads(server, emulator, control, 5);

    o.log(`live: ${o.seconds} s of queries and changing orders, ${o.subscribers} subscribers`);
    const beside = await changingLoad(server, control, subs, o);
    const serverWriteLag = await serverLag(server, 'write');
    await subs.close();

    let replicas: LiveResult['replicas'] = null;
    const redis = await startRedis().catch(() => null);
    if (redis) {
      o.log(`live: two replicas on Redis, ${o.subscribers} subscribers on A, writes through B`);
      const a = await forkServer({ mode: 'batched', env: env({ REDIS_URL: redis.url }) }, fork);
      const b = await forkServer({ mode: 'batched', env: env({ REDIS_URL: redis.url }) }, fork);
      try {
        const onA = await openAll(a, o.subscribers);
        const across: number[] = [];
        let missed = 0;
        const sent: [string, number][] = [];
        for (let i = 0; i < o.seconds; i++) {
          const at = Date.now();
          sent.push([(await buy(b)).orderId, at]);
          await sleep(1000);
        }
        const seen = await onA.seen();
        const publishedOnB = await b.published();
        const fromPublish: number[] = [];
        for (const [orderId, at] of sent) {
          const times = seen.get(`${orderId}:UNPAID`) ?? [];
          const publishedAt = publishedOnB.get(`${orderId}:UNPAID`);
          missed += onA.n - times.length;
          for (const t of times) {
            across.push(t - at);
            if (publishedAt !== undefined) fromPublish.push(t - publishedAt);
          }
        }
        await onA.close();
        replicas = {
          ...stats(across),
          missed,
          server: await serverLag(a, 'write'),
          published: stats(fromPublish),
        };
      } finally {
        await Promise.all([a.close(), b.close()]);
        await redis.stop();
      }
    }
    return {
      subscribers: o.subscribers,
      writeLag: stats(beside.lags.write),
      serverWriteLag,
      beforeResponse: stats(beside.lags.beforeResponse),
      publishedLag: stats(beside.lags.published),
      pollLag: stats(beside.lags.poll),
      missed: beside.lags.missed,
      pollerReads: { one: readsOne, many: readsMany, seconds: 5, intervalMs: POLL_INTERVAL_MS },
      rssPerSubscriptionKb: (rssN.rss - rss0.rss) / o.subscribers / 1024,
      heapPerSubscriptionKb: (rssN.heapUsed - rss0.heapUsed) / o.subscribers / 1024,
      throughput: { without: without.throughput, with: beside.throughput },
      idleThroughput: { without: quiet, with: idle },
      replicas,
    };
  } finally {
    await server.close();
    await emulator.close();
  }
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export function formatLive(r: LiveResult): string {
  const lag = (l: Stats) => `p50 ${ms(l.p50)}, p99 ${ms(l.p99)} (${l.samples} deliveries)`;
  return [
    `## Live updates (${r.subscribers} SSE subscribers on one device)`,
    '',
    `| measure | result |`,
    `| --- | --- |`,
    `| delivery lag from the write (the vendor's answer) to delivery, server-side, one replica | ≤ ${lag(r.serverWriteLag)} |`,
    `| the same, written on replica B, delivered on A over Redis | ${r.replicas ? `≤ ${lag(r.replicas.server)}` : 'not run'} |`,
    `| delivery lag from the write's publication (the vendor's answer) to each subscriber's receipt, at the client, one replica | ${lag(r.publishedLag)} |`,
    `| the same, published on replica B, received from A over Redis | ${r.replicas ? lag(r.replicas.published) : 'not run'} |`,
    `| delivery lag from sending a write through subgate (one replica; the write's own queueing and vendor call included) | ${lag(r.writeLag)} |`,
    `| the same, relative to the write's own response (negative: the update came first) | ${lag(r.beforeResponse)} |`,
    `| delivery lag from sending a write through subgate (two replicas on Redis, written on B, subscribed on A) | ${r.replicas ? `${lag(r.replicas)}, ${r.replicas.missed} missed` : 'not run (no redis-server)'} |`,
    `| delivery lag from a vendor-side change found by the poller (interval ${r.pollerReads.intervalMs} ms) | ${lag(r.pollLag)} |`,
    `| updates missed (one replica) | ${r.missed} |`,
    `| poller reads of one unpaid order in ${r.pollerReads.seconds} s: 1 subscriber / ${r.subscribers} | ${r.pollerReads.one} / ${r.pollerReads.many} |`,
    `| RSS per open subscription (RSS with all open minus with none, after a GC) | ${r.rssPerSubscriptionKb.toFixed(1)} KB |`,
    `| V8 heap per open subscription (the same, heap in use) | ${r.heapPerSubscriptionKb.toFixed(1)} KB |`,
    `| query throughput beside the subscribers / without (same changing orders) | ${r.throughput.with.toFixed(0)} / ${r.throughput.without.toFixed(0)} req/s (${(r.throughput.with / r.throughput.without).toFixed(2)}×) |`,
    `| the same with no order changing (the subscribers idle / none) | ${r.idleThroughput.with.toFixed(0)} / ${r.idleThroughput.without.toFixed(0)} req/s (${(r.idleThroughput.with / r.idleThroughput.without).toFixed(2)}×) |`,
  ].join('\n');
}

/** BENCH_LIVE_SUBSCRIBERS (1000), BENCH_LIVE_SECONDS (10), BENCH_LATENCY_MS (20). */
export function liveOptionsFromEnv(flags: { subscribers?: string; seconds?: string } = {}) {
  return {
    subscribers: Number(flags.subscribers ?? process.env.BENCH_LIVE_SUBSCRIBERS ?? 1000),
    seconds: Number(flags.seconds ?? process.env.BENCH_LIVE_SECONDS ?? 10),
    latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20),
    connections: 16,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { subscribers: { type: 'string' }, seconds: { type: 'string' } },
  });
  const result = await runLive({
    ...liveOptionsFromEnv(values),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(formatLive(result));
}
