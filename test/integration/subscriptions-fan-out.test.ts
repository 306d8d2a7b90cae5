/**
 * One execution per group of alike subscribers (docs/subscriptions.md, fan-out), over SSE with
 * the graphql-sse client: the same document, variables and visibility share an event's
 * execution; a different document, caller kind, or (for a selection that may answer per caller)
 * a different caller gets its own. Counted by subgate_subscription_executions_total.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type As, type Harness } from '../harness.js';
import { sample } from './ops-support.js';
import { sseSubscribe, type Stream } from './live-clients.js';

// The example device: alice's, shared with carol.
const device = DEMO_DEVICES.aliceExample;
const alice = { token: 'demo-token-alice' };
const carol = { token: 'demo-token-carol' };

const PLAIN = `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId paymentStatus } }`;
const OTHER = `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId commodityCode } }`;
/** `billingOrder` is admin only: a user's result carries FORBIDDEN where an admin's has data. */
const WITH_BILLING = `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId billingOrder { orderId } } }`;
/** `device` has a resolver of its own: it may read with the caller's credential. */
const WITH_DEVICE = `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) { orderId device { iotId } } }`;
const PURCHASE = `mutation ($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) { ... on PurchaseStreamingPlanPayload { order { orderId } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SUBSCRIPTIONS_MAX_PER_CALLER: '100' } });
});
afterAll(() => h?.close());
beforeEach(async () => {
  await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
});

const executions = async () => sample(await h.metrics(), 'subgate_subscription_executions_total');
const open = async () => sample(await h.metrics(), 'subgate_subscriptions_open');

/** Opens `who`'s subscriptions (once those closed before are gone) and waits until all started. */
async function subscribeAll(who: [string, As][]): Promise<Stream[]> {
  await expect.poll(open, { timeout: 10_000 }).toBe(0);
  const streams = who.map(([query, as]) => sseSubscribe(h.url, query, { iotId: device }, as));
  try {
    await expect.poll(open, { timeout: 10_000 }).toBe(streams.length);
  } catch (err) {
    closeAll(streams);
    throw err;
  }
  return streams;
}

/** One purchase through subgate; every stream's next result is that order. */
async function buyAndReceive(streams: Stream[]) {
  const before = await executions();
  const bought = await h.gql(
    PURCHASE,
    { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
    alice,
  );
  const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
  const results = await Promise.all(streams.map((s) => s.next()));
  for (const r of results) expect(r.data.orderUpdated.orderId).toBe(orderId);
  return { results, executed: (await executions()) - before };
}

const closeAll = (streams: Stream[]) => streams.forEach((s) => s.close());

describe('an event for many subscribers', () => {
  it('executes once for 20 subscribers of one document, and once for another document', async () => {
    const same = Array.from({ length: 20 }, (): [string, As] => [PLAIN, 'admin']);
    const streams = await subscribeAll([...same, [OTHER, 'admin']]);
    try {
      const { results, executed } = await buyAndReceive(streams);
      expect(executed).toBe(2);
      expect(results[0]!.data.orderUpdated).toMatchObject({ paymentStatus: 'UNPAID' });
      expect(results[20]!.data.orderUpdated.commodityCode).toBe('streamingResource_20_10');
      // Shared, but each subscriber's own copy of the text: all 20 alike.
      for (const r of results.slice(0, 20)) expect(r).toEqual(results[0]);
    } finally {
      closeAll(streams);
    }
  });

  it('executes apart for an admin and a user: the user sees FORBIDDEN on an admin-only field', async () => {
    const streams = await subscribeAll([
      [WITH_BILLING, 'admin'],
      [WITH_BILLING, 'admin'],
      [WITH_BILLING, alice],
      [WITH_BILLING, carol],
    ]);
    try {
      const { results, executed } = await buyAndReceive(streams);
      for (const admin of results.slice(0, 2)) expect(admin.errors).toBeUndefined();
      for (const user of results.slice(2)) {
        expect(user.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(user.data.orderUpdated.billingOrder).toBeNull();
      }
      // The admin key's two share; billingOrder has a resolver of its own, so each user is a
      // group of their own too.
      expect(executed).toBe(3);
    } finally {
      closeAll(streams);
    }
  });

  it('executes per caller when the selection may read as the caller, and once when it cannot', async () => {
    const perCaller = await subscribeAll([
      [WITH_DEVICE, alice],
      [WITH_DEVICE, alice],
      [WITH_DEVICE, carol],
    ]);
    try {
      const { results, executed } = await buyAndReceive(perCaller);
      expect(executed).toBe(2); // alice's two share; carol's is her own
      for (const r of results) expect(r.data.orderUpdated.device).toEqual({ iotId: device });
    } finally {
      closeAll(perCaller);
    }
    const plain = await subscribeAll([
      [PLAIN, alice],
      [PLAIN, carol],
    ]);
    try {
      expect((await buyAndReceive(plain)).executed).toBe(1);
    } finally {
      closeAll(plain);
    }
  });
});
