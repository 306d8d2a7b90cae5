/**
 * Per-caller budgets over the wire (docs/budgets.md): a request is charged its estimate before any
 * vendor call and settled to the calls it made; extensions.cost and Query.rateLimit read the
 * bucket; a caller past its budget gets 429 RATE_LIMITED with Retry-After and the bucket refills
 * at its rate (a manual clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { authHeaders, manualClock, startHarness, type As, type Harness } from '../harness.js';
import { sseSubscribe } from './live-clients.js';

const alice = { token: DEMO_EXAMPLE.token };

/** 16 devices × (2 order pages + 98 billing orders): 1,600 estimated vendor calls. */
const COSTLY = `query($ids: [String!]!) { devices(iotIds: $ids) { cloudStorageOrders(first: 98) { edges { node { billingOrder { orderId } } } } } }`;
const SIXTEEN = Array.from({ length: 16 }, () => DEMO_DEVICES.aliceMany);
/** The same order page asked twice: estimated 2 calls, one made (the loader shares it). */
const ORDERS = `query($id: String!) { device(iotId: $id) { a: cloudStorageOrders(first: 10) { edges { node { orderId } } } b: cloudStorageOrders(first: 10) { edges { node { orderId } } } } }`;
const RATE_LIMIT = `{ rateLimit { cost limit remaining restoreRate resetAt } }`;

async function post(h: Harness, body: unknown, as: As = alice) {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...authHeaders(as),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('budgets with the defaults', () => {
  let h: Harness;
  const clock = manualClock();
  beforeAll(async () => {
    h = await startHarness({ now: clock.now });
  });
  afterAll(() => h?.close());

  it('refuses a batch of 10 operations of cost 1,600 whole, before any vendor call', async () => {
    await h.resetCalls();
    const batch = Array.from({ length: 10 }, () => ({
      query: COSTLY,
      variables: { ids: SIXTEEN },
    }));
    const res = await post(h, batch, { token: 'demo-token-bob' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      budget: 'user',
      cost: 16_000,
      maximumAvailable: 10_000,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('charges the estimate and settles to the vendor calls made', async () => {
    await h.resetCalls();
    const res = await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice);
    expect(res.body.errors).toBeUndefined();
    const calls = (await h.calls()).total;
    expect(calls).toBe(1);
    expect(res.body.extensions.cost).toEqual({
      requestedQueryCost: 2,
      actualQueryCost: calls,
      throttleStatus: {
        maximumAvailable: 10_000,
        currentlyAvailable: 10_000 - calls,
        restoreRate: 100,
      },
    });
    // Query.rateLimit reads the same bucket, and costs nothing.
    await h.resetCalls();
    const look = await h.gql(RATE_LIMIT, {}, alice);
    expect(look.body.data.rateLimit).toEqual({
      cost: 0,
      limit: 10_000,
      remaining: 10_000 - calls,
      restoreRate: 100,
      resetAt: new Date(clock.now() + calls * 10).toISOString(),
    });
    expect(look.body.extensions.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: 0 });
    expect((await h.calls()).total).toBe(0);
  });

  it('gives back the charge of an operation refused before it ran', async () => {
    const carol = { token: 'demo-token-carol' };
    // 16 aliases: estimated 16 calls, then refused by the alias limit (validation).
    const fields = Array.from({ length: 16 }, (_, i) => `a${i}: streamingPlans { commodityCode }`);
    const refused = await h.gql(`{ ${fields.join(' ')} }`, {}, carol);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    const look = await h.gql(RATE_LIMIT, {}, carol);
    expect(look.body.data.rateLimit.remaining).toBe(10_000);
  });

  it('gives the admin key its own, larger budget', async () => {
    const look = await h.gql(RATE_LIMIT, {}, 'admin');
    expect(look.body.data.rateLimit).toMatchObject({ limit: 100_000, restoreRate: 1_000 });
  });
});

describe('budgets on cached reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: manualClock().now, env: { VENDOR_CACHE_TTL_MS: '60000' } });
  });
  afterAll(() => h?.close());

  it('charges nothing for an answer from the cache', async () => {
    const first = await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice);
    const spent = first.body.extensions.cost.actualQueryCost;
    expect(spent).toBeGreaterThan(0);
    await h.resetCalls();
    const again = await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice);
    expect(again.body.data).toEqual(first.body.data);
    expect((await h.calls()).total).toBe(0);
    expect(again.body.extensions.cost).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 0,
      throttleStatus: { currentlyAvailable: 10_000 - spent },
    });
  });
});

describe('a small budget', () => {
  let h: Harness;
  const clock = manualClock();
  beforeAll(async () => {
    h = await startHarness({
      now: clock.now,
      env: { GATEWAY_BUDGET_USER_POINTS: '5', GATEWAY_BUDGET_USER_RESTORE: '1' },
    });
  });
  afterAll(() => h?.close());

  it('refuses with 429 and Retry-After once spent, and refills at its rate', async () => {
    let last;
    let spent = 0;
    for (let i = 0; i < 30; i++) {
      last = await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice);
      if (last.status !== 200) break;
      spent += last.body.extensions.cost.actualQueryCost;
    }
    expect(last!.status).toBe(429);
    // Each request is charged 2 and settled to its 1 call: refused once 1 is left, after 4.
    expect(spent).toBe(4);
    const left = 1;
    const wait = 1;
    expect(last!.headers.get('retry-after')).toBe(String(wait));
    expect(last!.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      budget: 'user',
      retryAfter: wait,
      currentlyAvailable: left,
      restoreRate: 1,
    });
    expect(last!.body.data).toBeUndefined();

    // A moment too early: still refused. At the time it said: served.
    clock.advance(wait * 1000 - 400);
    expect((await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice)).status).toBe(429);
    clock.advance(400);
    const served = await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, alice);
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();

    // Other callers have buckets of their own.
    expect(
      (await h.gql(ORDERS, { id: DEMO_EXAMPLE.iotId }, { token: 'demo-token-carol' })).status,
    ).toBe(200);
    const metrics = await h.metrics();
    expect(metrics).toMatch(/subgate_budget_refusals_total\{caller="user"\} 2/);
    expect(metrics).not.toContain(alice.token);
  });
});

describe('a subscription', () => {
  let h: Harness;
  const clock = manualClock(); // no points restored while the test runs
  beforeAll(async () => {
    h = await startHarness({
      now: clock.now,
      env: { GATEWAY_BUDGET_USER_POINTS: '100', GATEWAY_BUDGET_USER_RESTORE: '1' },
    });
  });
  afterAll(() => h?.close());

  const ORDER_UPDATED = `subscription($iotId: String!) { orderUpdated(iotId: $iotId) { orderId } }`;
  const remaining = async () =>
    (await post(h, { query: RATE_LIMIT })).body.data.rateLimit.remaining as number;

  it('is charged its estimate when it starts, and kept while it is open', async () => {
    expect(await remaining()).toBe(100);
    await h.resetCalls();
    const stream = sseSubscribe(h.url, ORDER_UPDATED, { iotId: DEMO_EXAMPLE.iotId }, alice);
    try {
      // Started once it has read the device's two order lists (its proof of access).
      await expect.poll(async () => (await h.calls()).total).toBe(2);
      expect(await remaining()).toBe(98);
    } finally {
      stream.close();
    }
  });

  it('is refused before it starts when the bucket cannot cover it', async () => {
    const small = await startHarness({
      env: { GATEWAY_BUDGET_USER_POINTS: '1', GATEWAY_BUDGET_USER_RESTORE: '1' },
    });
    try {
      await small.resetCalls();
      const res = await fetch(small.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...authHeaders(alice),
        },
        body: JSON.stringify({ query: ORDER_UPDATED, variables: { iotId: DEMO_EXAMPLE.iotId } }),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect((await small.calls()).total).toBe(0);
    } finally {
      await small.close();
    }
  });
});
