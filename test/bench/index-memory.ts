/**
 * Room the billing index takes per 100 000 orders (BENCHMARKS.md, docs/billing-index.md): the
 * SQLite file and the heap growth beside it, and Redis's `used_memory` growth for the same
 * orders, on a redis-server started here.
 * Run: `node --expose-gc --import tsx test/bench/index-memory.ts`.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { createSqliteIndexStore } from '../../src/billing-index/sqlite-order-store.js';
import { createRedisIndexStore } from '../../src/billing-index/redis-order-store.js';
import type { BillingOrder } from '../../src/domain/billing-order.js';
import { guardRedis } from '../../src/ops/redis-guard.js';
import { closeRedis, createRedis } from '../../src/ops/redis.js';
import { createLogger } from '../../src/ops/logger.js';
import { freePort } from '../integration/ops-support.js';
import { tempDataDir } from '../gateway-config.js';

const COUNT = 100_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Orders as QueryOrders maps them (list fields, typical values). */
function order(i: number): BillingOrder {
  const at = Date.UTC(2026, 0, 1) + i * 60_000;
  const money = { amount: `${(i % 500) + 1}.00`, currency: 'CNY' };
  return {
    orderId: String(200000000000000 + i * 7919),
    relatedOrderId: null,
    productCode: 'linkvisual',
    productType: 'linkvisual_cloudstorage',
    commodityCode: 'linkvisual_cloudstorage_pre',
    subscriptionType: 'SUBSCRIPTION',
    orderType: 'RENEW',
    paymentStatus: 'PAID',
    createTime: new Date(at),
    paymentTime: new Date(at + 30_000),
    currency: 'CNY',
    paymentCurrency: 'CNY',
    pretaxAmount: money,
    pretaxGrossAmount: { ...money },
    pretaxAmountLocal: { ...money },
    afterTaxAmount: { ...money },
    tax: { amount: '0.00', currency: 'CNY' },
    subOrders: [],
  };
}

const orders = Array.from({ length: COUNT }, (_, i) => order(i));
const heap = () => {
  gc!();
  return process.memoryUsage().heapUsed;
};

// SQLite: the file, and what the process keeps beside it (its page cache, bounded).
{
  const before = heap();
  const store = createSqliteIndexStore({ path: join(tempDataDir(), 'probe.sqlite') });
  for (let i = 0; i < COUNT; i += 1_000) await store.put(orders.slice(i, i + 1_000));
  const after = heap();
  const bytes = (await store.bytes())!;
  console.log(
    `sqlite: ${(bytes / 1048576).toFixed(1)} MB file per ${COUNT} orders (${Math.round(bytes / COUNT)} B each); heap +${((after - before) / 1048576).toFixed(1)} MB`,
  );
  await store.close();
}

// Redis: used_memory before and after.
const port = await freePort();
const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
  stdio: 'ignore',
});
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
    'memory-probe',
  );
  for (let i = 0; i < COUNT; i += 1_000) await store.put(orders.slice(i, i + 1_000));
  const after = await used();
  console.log(
    `redis: ${((after - before) / 1048576).toFixed(1)} MB used_memory per ${COUNT} orders (${Math.round((after - before) / COUNT)} B each)`,
  );
  await closeRedis(redis);
} finally {
  child.kill('SIGTERM');
}
