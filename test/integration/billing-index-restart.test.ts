/**
 * The billing index on disk (docs/billing-index.md): a restart resumes from its SQLite file
 * (the recent window swept again, nothing older), a damaged file turns the index off with its
 * path logged instead of stopping the gateway, an unwritable DATA_DIR stops the start; and a
 * daily re-sweep reads a settled window's first page only, and every page of a window that
 * changed (an order paid late, an order BSS lists that the index lacks).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { startOfUtcDay } from '../../src/emulator/clock.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { generatedOrders, type GeneratedOrdersSpec } from '../../src/emulator/generated-orders.js';
import { tempDataDir } from '../gateway-config.js';
import { startHarness, type Harness } from '../harness.js';
import { sample } from './ops-support.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HORIZON_DAYS = 150;
const created = (o: { CreateTime: string }) => Date.parse(o.CreateTime);
const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const LIST = /* GraphQL */ `
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

// The emulator's and the index's clock: real time plus what a test moved it by.
let skew = 0;
const clock = () => Date.now() + skew;

/** Every order final: what the index holds does not change under a sweep. */
function settled(dataset: Dataset): Dataset {
  for (const order of dataset.billingOrders) {
    if (order.PaymentStatus !== 'Unpaid') continue;
    order.PaymentStatus = 'Paid';
    order.PaymentTime = utc(created(order) + 20_000);
  }
  return dataset;
}

const env = (dataDir: string, extra: Record<string, string> = {}) => ({
  BILLING_INDEX: 'true',
  BSS_QPS: '10',
  BILLING_INDEX_HORIZON_DAYS: String(HORIZON_DAYS),
  // Sweeps due only when a test moves the clock: every call below is one the test expects.
  BILLING_INDEX_RECENT_PERIOD_MS: String(HOUR),
  BILLING_INDEX_FULL_SWEEP_HOURS: '1',
  DATA_DIR: dataDir,
  ...extra,
});

const metric = async (h: Harness, name: string) => sample(await h.metrics(), name);

/** Until the first fill, or the re-sweep begun at or after `since`, has reached the horizon. */
async function swept(h: Harness, since = 0) {
  await vi.waitFor(
    async () => {
      const started = await metric(h, 'subgate_billing_index_full_sweep_started_seconds');
      expect(started).toBeGreaterThanOrEqual(Math.floor(since / 1000));
      expect(await metric(h, 'subgate_billing_index_back_sweep_pending_seconds')).toBe(0);
      // (Gauges read 0 before the first sweep stored its state.)
      const oldest = await metric(h, 'subgate_billing_index_oldest_swept_seconds');
      expect(oldest).toBeGreaterThan(0);
      expect(oldest).toBeLessThanOrEqual((clock() - HORIZON_DAYS * DAY) / 1000 + 1);
    },
    { timeout: 30_000, interval: 100 },
  );
}

const sweepCalls = (h: Harness) => metric(h, 'subgate_billing_index_sweep_calls_total');

describe('a restart', () => {
  const dataDir = tempDataDir();
  const dataset = settled(
    generateDataset({ seed: 23, now: startOfUtcDay(Date.now()), devices: 12 }),
  );
  let h: Harness | undefined;
  afterAll(() => h?.close());

  it('resumes from the SQLite file: the recent window swept again, nothing older, dashboards answered from the index at once', async () => {
    h = await startHarness({ dataset, now: clock, env: env(dataDir) });
    await swept(h);
    const held = await metric(h, 'subgate_billing_index_orders');
    const firstFill = await sweepCalls(h);
    expect(firstFill).toBeGreaterThan(5);
    await h.close();

    skew += 10 * 60_000; // ten minutes down (a deploy)
    h = await startHarness({ dataset, now: clock, env: env(dataDir) });
    // A dashboard over a covered month, at once: the index answers it, BSS is not asked.
    const filter = {
      createdAfter: new Date(clock() - 60 * DAY).toISOString(),
      createdBefore: new Date(clock() - 30 * DAY).toISOString(),
    };
    const res = await h.gql(LIST, { filter });
    expect(res.body.errors).toBeUndefined();
    const expected = dataset.billingOrders.filter(
      (o) => created(o) >= clock() - 60 * DAY - 1000 && created(o) <= clock() - 30 * DAY,
    );
    expect(res.body.data.billingOrders.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(20);

    // Only the recent window is swept again; its orders all final and counted, by its first page.
    const pages = 1;
    await vi.waitFor(async () => expect(await sweepCalls(h!)).toBe(pages), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1_000)); // and nothing after it
    expect(await sweepCalls(h)).toBe(pages);
    expect((await h.calls()).byApi.QueryOrders).toBe(pages);
    expect(await metric(h, 'subgate_billing_index_orders')).toBe(held);
  }, 60_000);
});

describe('the index file and its directory', () => {
  it('a damaged file: the gateway starts with the index off, its path logged, the file kept', async () => {
    const dataDir = tempDataDir();
    const logLines: string[] = [];
    // The account's file, named as the gateway names it.
    const first = await startHarness({ now: clock, env: env(dataDir) });
    await first.close();
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(dataDir).find((f) => f.endsWith('.sqlite'))!;
    writeFileSync(join(dataDir, file), 'not a database '.repeat(500));
    const h = await startHarness({ now: clock, env: env(dataDir), logLines });
    try {
      const line = logLines.map((l) => JSON.parse(l)).find((l) => l.level === 50);
      expect(line.msg).toContain(join(dataDir, file));
      expect(line.msg).toMatch(/not an SQLite database or damaged.*billing index is off/);
      const res = await h.gql(LIST, {
        filter: {
          createdAfter: new Date(clock() - 30 * DAY).toISOString(),
          createdBefore: new Date(clock()).toISOString(),
        },
      });
      expect(res.body.errors).toBeUndefined();
      expect((await h.calls()).byApi.QueryOrders).toBe(1); // BSS answered
    } finally {
      await h.close();
    }
  });

  it('a DATA_DIR that cannot be written: the start stops with an error naming it', async () => {
    // A directory no one can write in, root included: under a regular file.
    const blocker = join(tempDataDir(), 'a-file');
    writeFileSync(blocker, '');
    const dataDir = join(blocker, 'index');
    const start = startHarness({ env: env(dataDir) });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(`DATA_DIR (${dataDir}) must be a writable directory`);
  });
});

describe('a daily re-sweep', () => {
  // 5 000 generated orders over 140 days (all final; the state the test edits stays small): the
  // horizon holds more than one back-sweep window (2 000 orders aimed at). The emulator's and
  // subgate's BSS limit is raised to 100 calls/s so the first fill takes seconds, not minutes;
  // the counts, not the rate, are what is tested here.
  const now = Date.now();
  const generated: GeneratedOrdersSpec = {
    count: 5_000,
    seed: 7,
    newest: utc(now - HOUR),
    everySeconds: Math.floor((140 * DAY) / 5_000 / 1000),
  };
  const dataset: Dataset = {
    ...settled(generateDataset({ seed: 7, now: startOfUtcDay(now), devices: 2 })),
    generatedBillingOrders: generated,
  };
  const sample = dataset.billingOrders[0]!;
  dataset.billingOrders = [];
  const account = generatedOrders(generated);
  const generatedAll = Array.from({ length: account.count }, (_, i) => account.order(i));
  const byAge = (fromDays: number, toDays: number) =>
    [...dataset.billingOrders, ...generatedAll].filter(
      (o) => created(o) < clock() - fromDays * DAY && created(o) > clock() - toDays * DAY,
    );
  // Unpaid for weeks, so far: in the newest back-sweep window.
  const late = {
    ...sample,
    OrderId: '411111111111111',
    CreateTime: utc(now - 15 * DAY),
    PaymentStatus: 'Unpaid' as const,
  };
  delete late.PaymentTime;
  dataset.billingOrders.push(late);
  // Where an order the index lacks will appear: the oldest window.
  const oldest = { ...sample, CreateTime: utc(now - 135 * DAY) };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      dataset,
      now: clock,
      emulatorBssQps: 100,
      env: env(tempDataDir(), { BSS_QPS: '100' }),
    });
    await swept(h);
  }, 60_000);
  afterAll(() => h?.close());

  const saved = async () => metric(h, 'subgate_billing_index_resweep_calls_saved_total');
  /** The calls of one full re-sweep, past the recent window's (one: all final and counted). */
  const resweep = async () => {
    const before = await sweepCalls(h);
    const since = clock() + HOUR + 60_000;
    skew += HOUR + 60_000; // past BILLING_INDEX_FULL_SWEEP_HOURS and the recent period
    await swept(h, since);
    return (await sweepCalls(h)) - before - 1;
  };
  const window = (o: { CreateTime: string }) => ({
    filter: {
      createdAfter: new Date(created(o) - 1000).toISOString(),
      createdBefore: new Date(created(o) + 1000).toISOString(),
    },
  });

  it('pages the window holding an order not final, confirms the others by one first page', async () => {
    const pageByPage = Math.ceil(byAge(1, HORIZON_DAYS).length / 20);
    const before = await saved();
    const calls = await resweep();
    expect(calls).toBeGreaterThan(20); // the window holding `late`, page by page
    expect(calls).toBeLessThan(pageByPage);
    expect((await saved()) - before).toBeGreaterThan(20); // an older one confirmed
  }, 60_000);

  it('reads an order paid late and one BSS lists that the index lacks; a settled account is then one call', async () => {
    const state = await h.state();
    const atBss = state.billingOrders.find((o) => o.OrderId === late.OrderId)!;
    atBss.PaymentStatus = 'Paid';
    atBss.PaymentTime = utc(clock());
    const refund = {
      ...oldest,
      OrderId: '499999999999999',
      OrderType: 'Refund' as const,
      PaymentStatus: null,
      CreateTime: utc(created(oldest) - 1000),
    };
    delete refund.PaymentTime;
    state.billingOrders.push(refund);
    await h.setState(state);

    expect(await resweep()).toBeGreaterThan(20);
    await h.resetCalls();
    const paid = await h.gql(LIST, window(late));
    expect(paid.body.data.billingOrders.edges.map((e: { node: unknown }) => e.node)).toContainEqual(
      {
        orderId: late.OrderId,
        paymentStatus: 'PAID',
      },
    );
    const refunded = await h.gql(LIST, window(refund));
    expect(
      refunded.body.data.billingOrders.edges.map((e: { node: unknown }) => e.node),
    ).toContainEqual({
      orderId: refund.OrderId,
      paymentStatus: null,
    });
    expect((await h.calls()).byApi.QueryOrders).toBeUndefined(); // both from the index

    // Everything final and counted: the horizon older than the recent window in one call.
    expect(await resweep()).toBe(1);
  }, 60_000);
});
