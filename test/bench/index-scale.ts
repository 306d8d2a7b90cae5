/**
 * The billing index at account scale (docs/billing-index.md, measured figures): for a generated
 * account of each size given (default 100 000 orders; `npm run bench:index -- 100000 1000000`),
 * against the emulator's generated account (all orders final: a settled account):
 *  - the first fill's time over its floor ceil(orders / 20) / qps, with the emulator's BSS
 *    limit RAISED to QPS calls/s (and subgate's flow control with it) as a stand-in for time;
 *  - bytes per order: the SQLite file, and Redis `used_memory` (and each structure's MEMORY
 *    USAGE) for the same orders put in a redis-server started here; the gateway's RSS restarted
 *    over the filled index after the dashboards, over a gateway without the index after the same
 *    dashboards (and over a fresh one with an empty index);
 *  - a restart: time to the first dashboard answered from the index, and sweep calls after it;
 *  - a daily full re-sweep (the file's last-full-sweep time set back a day, standing in for the
 *    day): its calls, against ceil(orders / 20) page by page;
 *  - `billingOrders(filter, first: 20)` p50 over a month's window: over HTTP, and the store's
 *    page() in process, on SQLite and on Redis.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BUCKETS,
  createRedisIndexStore,
  indexKeys,
} from '../../src/billing-index/redis-order-store.js';
import { createSqliteIndexStore } from '../../src/billing-index/sqlite-order-store.js';
import type { SweepState } from '../../src/billing-index/order-store.js';
import type { BillingOrderFilter } from '../../src/domain/billing-order.js';
import { formatUtc } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { generatedOrders, type GeneratedOrdersSpec } from '../../src/emulator/generated-orders.js';
import { createEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/ops/logger.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { closeRedis, createRedis, KEY_PREFIX } from '../../src/ops/redis.js';
import { mapBssOrder, wireBssOrder } from '../../src/upstream/bss/orders.js';
import { ACCESS_KEY, ADMIN_KEY, APP, emulatorControl, vendorEnv } from '../harness.js';
import { freePort, sample, throttledCalls } from '../integration/ops-support.js';
import { tempDataDir } from '../gateway-config.js';
import { forkServer, type ServerChild } from './server-child.js';

const QPS = 200;
const DAY = 86_400_000;
const HORIZON_DAYS = 396;
const QUERIES = 100;
const sizes = process.argv.slice(2).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('sizes: whole numbers');

const FILTERS: [string, Partial<BillingOrderFilter>][] = [
  ['window only', {}],
  ['paymentStatus PAID', { paymentStatus: 'PAID' }],
  ['productCode ecs', { productCode: 'ecs' }],
  ['orderType REFUND', { orderType: 'REFUND' }],
];

const QUERY = /* GraphQL */ `
  query ($filter: BillingOrderFilter) {
    billingOrders(filter: $filter, first: 20) {
      totalCount
      edges {
        node {
          orderId
          paymentStatus
        }
      }
    }
  }
`;

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function gql(url: string, filter: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
    body: JSON.stringify({ query: QUERY, variables: { filter } }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

/** Month-long windows at seeded places in the horizon (the same ones for every store). */
function monthWindows(newest: number, count: number) {
  let seed = 12345;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const to = newest - DAY - Math.floor((seed / 2 ** 31) * (HORIZON_DAYS - 40) * DAY);
    return { from: Math.floor((to - 30 * DAY) / 1000) * 1000, to: Math.floor(to / 1000) * 1000 };
  });
}

async function scale(count: number) {
  const now = Date.now();
  const spec: GeneratedOrdersSpec = {
    count,
    seed: 1,
    newest: formatUtc(now - 60_000),
    // Spread over 95% of the horizon.
    everySeconds: Math.max(1, Math.floor((0.95 * HORIZON_DAYS * DAY) / count / 1000)),
  };
  const dataset = { ...generateDataset({ seed: 1, now, devices: 1 }), billingOrders: [] };
  const emulator = await createEmulator({
    apps: [APP],
    accessKeys: [ACCESS_KEY],
    dataset: { ...dataset, generatedBillingOrders: spec },
    bssQps: QPS,
  });
  const control = emulatorControl(emulator.url);
  const dataDir = tempDataDir();
  const env = {
    ...vendorEnv(emulator.url),
    BILLING_INDEX: 'true',
    BSS_QPS: String(QPS),
    VENDOR_CACHE_TTL_MS: '0',
    DATA_DIR: dataDir,
  };
  const metrics = async (child: ServerChild) =>
    (await fetch(new URL('/metrics', child.url))).text();
  const filled = async (child: ServerChild, since = 0) => {
    for (;;) {
      const m = await metrics(child);
      const oldest = sample(m, 'subgate_billing_index_oldest_swept_seconds');
      if (
        sample(m, 'subgate_billing_index_full_sweep_started_seconds') >= since / 1000 &&
        oldest > 0 &&
        oldest <= (Date.now() - HORIZON_DAYS * DAY) / 1000 + 1 &&
        sample(m, 'subgate_billing_index_back_sweep_pending_seconds') === 0
      )
        return m;
      await sleep(250);
    }
  };
  const out: string[] = [`## ${count.toLocaleString('en')} orders`];

  const windows = monthWindows(now, QUERIES);
  /** The dashboards: every window with every filter, over HTTP; their p50 per filter. */
  const dashboards = async (url: string) => {
    const p50s: string[] = [];
    for (const [name, filter] of FILTERS) {
      const times: number[] = [];
      for (const w of windows) {
        const t = performance.now();
        await gql(url, {
          ...filter,
          createdAfter: new Date(w.from).toISOString(),
          createdBefore: new Date(w.to).toISOString(),
        });
        times.push(performance.now() - t);
      }
      p50s.push(`${name} ${p50(times).toFixed(1)} ms`);
    }
    return p50s;
  };

  // The baseline: no index at all, the same dashboards answered by QueryOrders.
  const plain = await forkServer(
    { mode: 'batched', env: { ...env, BILLING_INDEX: 'false' } },
    { nodeFlags: ['--expose-gc'] },
  );
  const plainFresh = await plain.memory();
  await dashboards(plain.url);
  const plainServed = await plain.memory();
  await plain.close();

  // First fill.
  const t0 = performance.now();
  const fork = () => forkServer({ mode: 'batched', env }, { nodeFlags: ['--expose-gc'] });
  let child = await fork();
  const startS = (performance.now() - t0) / 1000;
  const empty = await child.memory();
  let m = await filled(child);
  const fillS = (performance.now() - t0) / 1000;
  const floorS = Math.ceil(count / 20) / QPS;
  const orders = sample(m, 'subgate_billing_index_orders');
  const fileBytes = sample(m, 'subgate_billing_index_store_bytes');
  const fillCalls = sample(m, 'subgate_billing_index_sweep_calls_total');
  // What bounds the rate: the flow control holds a call's slot until its answer begins, and the
  // slot then counts one more second, so at most (QPS - 1) / (1 s + that hold) calls a second
  // (docs/billing-index.md#one-budget). A call's duration also counts its wait for a slot.
  const mean = (name: string, labels: Record<string, string>) =>
    sample(m, `${name}_sum`, labels) / sample(m, `${name}_count`, labels);
  const background = { vendor: 'bss', priority: 'background' };
  const holdS = mean('subgate_flow_control_slot_held_seconds', background);
  const waitS = mean('subgate_flow_control_wait_seconds', background);
  const callS = mean('subgate_vendor_call_duration_seconds', { api: 'QueryOrders' });
  const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
  out.push(
    `first fill at ${QPS} calls/s (emulator's BSS limit raised from 10): ${fillS.toFixed(1)} s (the gateway's start ${startS.toFixed(2)} s of it), floor ${floorS.toFixed(1)} s, ratio ${(fillS / floorS).toFixed(2)}x (${((fillS - startS) / floorS).toFixed(2)}x from the gateway's start); ${fillCalls} sweep calls for ${orders} orders (${(fillCalls / fillS).toFixed(0)} calls/s), ${throttledCalls(m)} throttled; QueryOrders: a slot held ${ms(holdS)} on average (grant to the answer's start), so the flow control's bound is ${((QPS - 1) / (1 + holdS)).toFixed(0)} calls/s; ${ms(waitS)} waited for a slot, ${ms(callS)} a call (wait included)`,
  );

  const churned = await child.memory();
  await child.close();

  // A restart: the first dashboard, and what the sweeps read after it.
  await control('DELETE', 'calls');
  const t1 = performance.now();
  child = await fork();
  const w = windows[0]!;
  await gql(child.url, {
    createdAfter: new Date(w.from).toISOString(),
    createdBefore: new Date(w.to).toISOString(),
  });
  const firstAnswerS = (performance.now() - t1) / 1000;
  await sleep(3_000);
  m = await metrics(child);
  const restartedIdle = await child.memory();
  out.push(
    `restart: first dashboard from the index after ${firstAnswerS.toFixed(2)} s (process start included); sweep calls in the next 3 s: ${sample(m, 'subgate_billing_index_sweep_calls_total')} (the recent window), QueryOrders at the emulator: ${(await control('GET', 'calls')).byApi.QueryOrders ?? 0}`,
  );
  // Reads over HTTP, every request answered from the index (no QueryOrders but the sweeps').
  const httpP50 = await dashboards(child.url);
  const full = await child.memory();
  m = await metrics(child);
  const requestCalls =
    (await control('GET', 'calls')).byApi.QueryOrders -
    sample(m, 'subgate_billing_index_sweep_calls_total');
  out.push(
    `billingOrders(first: 20) p50 over HTTP, a month's window: ${httpP50.join('; ')} (QueryOrders calls by requests: ${requestCalls})`,
  );
  const mem = (x: typeof full) =>
    `RSS ${mb(x.rss)} (heap used ${mb(x.heapUsed)} of ${mb(x.heapTotal)}, external ${mb(x.external)})`;
  out.push(
    `SQLite file ${mb(fileBytes)}, ${Math.round(fileBytes / orders)} B/order. Gateway after a full GC: without the index (BILLING_INDEX=false), fresh: ${mem(plainFresh)}; after the same dashboards (answered by QueryOrders): ${mem(plainServed)}; with the index, fresh and empty: ${mem(empty)}; restarted over ${orders} orders, after its first dashboard and 3 s: ${mem(restartedIdle)} (${(restartedIdle.rss / empty.rss).toFixed(2)}x the fresh empty one); after the dashboards: ${mem(full)} (${(full.rss / plainServed.rss).toFixed(2)}x the index-less gateway after the same dashboards, ${(full.rss / empty.rss).toFixed(2)}x the fresh empty one); right after the first fill's ${fillCalls} calls: ${mem(churned)}`,
  );

  await child.close();

  // A day later: the full re-sweep, its last start set back a day in the file.
  const file = join(
    dataDir,
    readdirSync(dataDir).find((f) => f.endsWith('.sqlite'))!,
  );
  {
    const db = new Database(file);
    const state = JSON.parse(
      db.prepare("SELECT value FROM meta WHERE key = 'sweep'").pluck().get() as string,
    ) as SweepState;
    state.fullSweepAt -= DAY;
    db.prepare("UPDATE meta SET value = ? WHERE key = 'sweep'").run(JSON.stringify(state));
    db.close();
  }
  const t2 = Date.now();
  child = await fork();
  m = await filled(child, t2);
  const resweepCalls = sample(m, 'subgate_billing_index_sweep_calls_total');
  out.push(
    `daily full re-sweep (settled): ${resweepCalls} calls with the recent window's, against ${Math.ceil(count / 20)} page by page (1/${Math.round(Math.ceil(count / 20) / resweepCalls)}); ${sample(m, 'subgate_billing_index_resweep_calls_saved_total')} pages not read`,
  );
  await child.close();

  // The stores' page() in process, on the same windows: SQLite (the gateway's file) and Redis.
  const pageP50 = async (
    page: (w: { from: number; to: number }, f: BillingOrderFilter) => Promise<unknown>,
  ) => {
    const parts: string[] = [];
    // One untimed pass first: the figures are a warm process's, as a gateway's are.
    for (const [, filter] of FILTERS) for (const win of windows) await page(win, filter);
    for (const [name, filter] of FILTERS) {
      const times: number[] = [];
      for (const win of windows) {
        const t = performance.now();
        await page(win, filter);
        times.push(performance.now() - t);
      }
      parts.push(`${name} ${p50(times).toFixed(2)} ms`);
    }
    return parts.join('; ');
  };
  const sqlite = createSqliteIndexStore({ path: file });
  out.push(`SQLite page() p50: ${await pageP50((win, f) => sqlite.page(win, f, 0, 20))}`);
  await sqlite.close();

  const port = await freePort();
  const redisServer = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  try {
    const redis = createRedis(`redis://127.0.0.1:${port}`);
    redis.on('error', () => {});
    for (let i = 0; ; i++) {
      try {
        await redis.ping();
        break;
      } catch (err) {
        if (i > 100) throw err;
        await sleep(50);
      }
    }
    const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    const before = await used();
    const store = createRedisIndexStore(
      redis,
      guardRedis(redis, { logger: createLogger('silent') }),
      'scale',
    );
    const account = generatedOrders(spec);
    for (let i = 0; i < count; i += 1_000) {
      const batch = [];
      for (let k = i; k < Math.min(count, i + 1_000); k++)
        batch.push(mapBssOrder(wireBssOrder.parse(account.order(k))));
      await store.put(batch);
    }
    const redisBytes = (await used()) - before;
    // Each structure's own cost (MEMORY USAGE, every element counted; MEMORY's key is not
    // prefixed by the client).
    const keys = indexKeys('scale');
    const usage = async (list: string[]) => {
      const pipe = redis.pipeline();
      for (const k of list) pipe.call('MEMORY', 'USAGE', `${KEY_PREFIX}${k}`, 'SAMPLES', '0');
      return ((await pipe.exec()) ?? []).reduce((sum, [, v]) => sum + Number(v ?? 0), 0);
    };
    const bucketBytes = await usage(Array.from({ length: BUCKETS }, (_, n) => keys.bucket(n)));
    const comboBytes = await usage((await redis.smembers(keys.combos)).map(keys.combo));
    const perOrder = (bytes: number) => `${Math.round(bytes / count)} B/order`;
    out.push(
      `Redis used_memory ${mb(redisBytes)}, ${perOrder(redisBytes)}: order buckets ${perOrder(bucketBytes)}, combo sorted sets ${perOrder(comboBytes)} (MEMORY USAGE); page() p50: ${await pageP50((win, f) => store.page(win, f, 0, 20))}`,
    );
    await closeRedis(redis);
  } finally {
    redisServer.kill('SIGTERM');
  }
  await emulator.close();
  return out.join('\n');
}

for (const count of sizes.length ? sizes : [100_000]) console.log(`${await scale(count)}\n`);
