/**
 * purchaseStreamingPlan and bindCloudStorageOrder over HTTP against the emulator: validation
 * before any vendor call, typed vendor refusals, idempotency, no blind retries, fresh reads.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

const CREATE = '/vision/customer/streaming/order/create';
const BIND = '/vision/customer/cloudstorage/bind/order';
const alice = { token: 'demo-token-alice' };
const bob = { token: 'demo-token-bob' };
const carol = { token: 'demo-token-carol' };
const device = DEMO_DEVICES.aliceExample; // alice is admin, carol is bound (shared)

const PURCHASE = /* GraphQL */ `
  mutation Purchase($input: PurchaseStreamingPlanInput!) {
    purchaseStreamingPlan(input: $input) {
      __typename
      ... on PurchaseStreamingPlanPayload {
        order {
          id
          orderId
          outOrderNo
          commodityCode
          copies
          status
          paymentStatus
          startTime
          endTime
          price {
            amount
            currency
          }
        }
        device {
          iotId
          streamingOrders(first: 50) {
            totalCount
            edges {
              node {
                orderId
              }
            }
          }
        }
      }
      ... on ValidationError {
        message
        field
        rule
        issues {
          field
          rule
        }
      }
      ... on VendorRejectedError {
        message
        vendor
        vendorCode
        localizedMessage
        requestId
      }
      ... on ForbiddenError {
        message
        vendorCode
        requestId
      }
      ... on OutcomeUnknownError {
        message
        idempotencyKey
      }
    }
  }
`;

const BIND_MUTATION = /* GraphQL */ `
  mutation Bind($input: BindCloudStorageOrderInput!) {
    bindCloudStorageOrder(input: $input) {
      __typename
      ... on BindCloudStorageOrderPayload {
        order {
          orderId
          iotId
          identityId
          userName
          userId
        }
        device {
          iotId
        }
      }
      ... on ValidationError {
        message
        field
        rule
      }
      ... on VendorRejectedError {
        message
        vendorCode
        requestId
      }
      ... on ForbiddenError {
        message
        vendorCode
        requestId
      }
      ... on OutcomeUnknownError {
        message
        idempotencyKey
      }
    }
  }
`;

const purchase = (input: Record<string, unknown>) => ({
  iotId: device,
  commodityCode: 'streamingResource_20_10',
  copies: 1,
  ...input,
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ILOP_TIMEOUT_MS: '400' } });
});
afterAll(() => h?.close());
beforeEach(async () => {
  await h.setFaults([]);
  await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  await h.resetCalls();
});

async function unboundOrderId(): Promise<string> {
  const order = (await h.state()).cloudStorageOrders.find((o) => o.iotId === null);
  expect(order, 'the demo dataset has an unbound order').toBeDefined();
  return order!.orderId;
}

describe('purchaseStreamingPlan', () => {
  it('creates exactly the order asked for, with its billing order, and reads show it', async () => {
    const before = (await h.state()).streamingOrders.filter((o) => o.iotId === device);
    const res = await h.gql(
      PURCHASE,
      { input: purchase({ copies: 3, userName: 'alice', userId: 'u-1', immediateUse: true }) },
      alice,
    );
    const result = res.body.data.purchaseStreamingPlan;
    expect(result.__typename).toBe('PurchaseStreamingPlanPayload');
    expect(result.order).toMatchObject({
      commodityCode: 'streamingResource_20_10',
      copies: 3,
      status: 'ACTIVE',
      paymentStatus: 'UNPAID',
      price: { amount: '420', currency: 'CNY' },
    });
    // The device read in the same response already shows the new order.
    expect(result.device.streamingOrders.edges.map((e: any) => e.node.orderId)).toContain(
      result.order.orderId,
    );
    const after = await h.state();
    const added = after.streamingOrders.filter(
      (o) => o.iotId === device && !before.some((b) => b.orderId === o.orderId),
    );
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      orderId: result.order.orderId,
      copies: 3,
      userName: 'alice',
      userId: 'u-1',
    });
    expect(after.billingOrders.some((b) => b.OrderId === result.order.outOrderNo)).toBe(true);
    // A later request sees it too.
    const later = await h.gql(
      `query($id: String!) { device(iotId: $id) { streamingOrders(first: 50) { totalCount } } }`,
      { id: device },
      alice,
    );
    expect(later.body.data.device.streamingOrders.totalCount).toBe(before.length + 1);
  });

  it.each([
    [{ copies: 0 }, 'input.copies', 'must be from 1 to 60'],
    [{ copies: 61 }, 'input.copies', 'must be from 1 to 60'],
    [{ iotId: '  ' }, 'input.iotId', 'must not be empty'],
    [{ commodityCode: '' }, 'input.commodityCode', 'must not be empty'],
    [{ idempotencyKey: '' }, 'input.idempotencyKey', 'must not be empty'],
  ])('refuses %j with a ValidationError and no vendor call', async (bad, field, rule) => {
    await h.gql(`{ streamingPlans { commodityCode } }`, {}, alice); // the plans are now known
    await h.resetCalls();
    const res = await h.gql(PURCHASE, { input: purchase(bad) }, alice);
    expect(res.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'ValidationError',
      field,
      rule,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('refuses a commodityCode that is not a plan, from the cached plan list', async () => {
    await h.gql(`{ streamingPlans { commodityCode } }`, {}, alice); // the plans are now known
    await h.resetCalls();
    const res = await h.gql(
      PURCHASE,
      { input: purchase({ commodityCode: 'no-such-plan' }) },
      alice,
    );
    expect(res.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.commodityCode',
      rule: expect.stringContaining('must be one of the streaming plans'),
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('lists every problem: an unknown commodityCode and copies out of range', async () => {
    await h.gql(`{ streamingPlans { commodityCode } }`, {}, alice);
    await h.resetCalls();
    const res = await h.gql(
      PURCHASE,
      { input: purchase({ commodityCode: 'no-such-plan', copies: 0, iotId: '' }) },
      alice,
    );
    const result = res.body.data.purchaseStreamingPlan;
    expect(result.__typename).toBe('ValidationError');
    expect(result.issues).toEqual([
      { field: 'input.iotId', rule: 'must not be empty' },
      { field: 'input.copies', rule: 'must be from 1 to 60' },
      {
        field: 'input.commodityCode',
        rule: expect.stringContaining('must be one of the streaming plans'),
      },
    ]);
    expect(result).toMatchObject({ field: 'input.iotId', rule: 'must not be empty' });
    expect((await h.calls()).total).toBe(0);
  });

  it('returns the vendor refusals as typed members with code and request id', async () => {
    const notBound = await h.gql(PURCHASE, { input: purchase({}) }, bob);
    expect(notBound.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2065',
      requestId: expect.any(String),
    });
    const notAdmin = await h.gql(PURCHASE, { input: purchase({}) }, carol);
    expect(notAdmin.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2066',
    });
    await h.setFaults([{ api: CREATE, failureRate: 1, failWith: { code: 403 } }]);
    const forbidden = await h.gql(PURCHASE, { input: purchase({}) }, alice);
    expect(forbidden.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'VendorRejectedError',
      vendor: 'ilop',
      vendorCode: '403',
      localizedMessage: expect.any(String),
      requestId: expect.any(String),
    });
    expect((await h.calls()).byApi[CREATE]).toBe(3);
  });

  it('a throttled purchase is a top-level VENDOR_RATE_LIMITED and its key stays free for the retry', async () => {
    const input = purchase({ idempotencyKey: 'throttled-1' });
    await h.setFaults([{ api: CREATE, failureRate: 1, failWith: { code: 429 } }]);
    const throttled = await h.gql(PURCHASE, { input }, alice);
    expect(throttled.body.data?.purchaseStreamingPlan ?? null).toBeNull();
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({
      code: 'VENDOR_RATE_LIMITED',
      vendorCode: '429',
    });
    expect((await h.calls()).byApi[CREATE]).toBe(1); // a write is never retried by subgate
    await h.setFaults([]);
    const retried = await h.gql(PURCHASE, { input }, alice);
    expect(retried.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
    expect((await h.calls()).byApi[CREATE]).toBe(2);
  });

  it('20 concurrent purchases with one key: one vendor create, 20 identical payloads', async () => {
    const input = purchase({ idempotencyKey: 'double-click-1' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.gql(PURCHASE, { input }, alice)),
    );
    const payloads = results.map((r) => r.body.data.purchaseStreamingPlan.order);
    expect(payloads[0].orderId).toEqual(expect.any(String));
    for (const p of payloads) expect(p).toEqual(payloads[0]);
    expect((await h.calls()).byApi[CREATE]).toBe(1);
  });

  it('the same key with a different input is a ValidationError', async () => {
    await h.gql(PURCHASE, { input: purchase({ idempotencyKey: 'k-2' }) }, alice);
    const res = await h.gql(
      PURCHASE,
      { input: purchase({ idempotencyKey: 'k-2', copies: 2 }) },
      alice,
    );
    expect(res.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'ValidationError',
      field: 'input.idempotencyKey',
    });
    expect((await h.calls()).byApi[CREATE]).toBe(1);
  });

  it('a key is scoped to its caller', async () => {
    await h.gql(PURCHASE, { input: purchase({ idempotencyKey: 'shared-key' }) }, alice);
    const admin = await h.gql(
      PURCHASE,
      { input: purchase({ idempotencyKey: 'shared-key' }) },
      'admin',
    );
    expect(admin.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
    expect((await h.calls()).byApi[CREATE]).toBe(2);
  });

  it('a timeout after the vendor made the order is OutcomeUnknown; the retry with the key finds it', async () => {
    const before = (await h.state()).streamingOrders.length;
    await h.setFaults([{ api: CREATE, latencyMs: 1000 }]);
    const input = purchase({ idempotencyKey: 'slow-1' });
    const first = await h.gql(PURCHASE, { input }, alice);
    expect(first.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: 'slow-1',
    });
    await h.setFaults([]);
    const again = await h.gql(PURCHASE, { input }, alice);
    expect(again.body.data.purchaseStreamingPlan.__typename).toBe('PurchaseStreamingPlanPayload');
    const state = await h.state();
    expect(state.streamingOrders.length).toBe(before + 1);
    expect(
      state.streamingOrders.some(
        (o) => o.orderId === again.body.data.purchaseStreamingPlan.order.orderId,
      ),
    ).toBe(true);
    expect((await h.calls()).byApi[CREATE]).toBe(1);
  });

  it('without a key a timeout is OutcomeUnknown and is not retried', async () => {
    await h.setFaults([{ api: CREATE, latencyMs: 1000 }]);
    const res = await h.gql(PURCHASE, { input: purchase({}) }, alice);
    expect(res.body.data.purchaseStreamingPlan).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: null,
    });
    expect((await h.calls()).byApi[CREATE]).toBe(1);
  });
});

describe('bindCloudStorageOrder', () => {
  const settings = {
    enableDefaultPlan: true,
    preRecordDuration: 5,
    recordDuration: 10,
    eventRecordProlong: false,
    maxRecordFileDuration: 1800,
  };

  it('binds the order with its recording settings, and a new request shows it', async () => {
    const orderId = await unboundOrderId();
    const res = await h.gql(
      BIND_MUTATION,
      { input: { iotId: device, orderId, userName: 'alice', userId: 'u-1', ...settings } },
      alice,
    );
    expect(res.body.data.bindCloudStorageOrder).toMatchObject({
      __typename: 'BindCloudStorageOrderPayload',
      order: {
        orderId,
        iotId: device,
        identityId: 'identity-alice',
        userName: 'alice',
        userId: 'u-1',
      },
      device: { iotId: device },
    });
    const stored = (await h.state()).cloudStorageOrders.find((o) => o.orderId === orderId)!;
    expect(stored).toMatchObject({
      iotId: device,
      identityId: 'identity-alice',
      recordSettings: settings,
    });
    const later = await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 100) { edges { node { orderId } } } } }`,
      { id: device },
      alice,
    );
    expect(
      later.body.data.device.cloudStorageOrders.edges.map((e: any) => e.node.orderId),
    ).toContain(orderId);
  });

  it.each([
    [{ preRecordDuration: 6 }, 'input.preRecordDuration', 'must be from 0 to 5 seconds'],
    [{ preRecordDuration: -1 }, 'input.preRecordDuration', 'must be from 0 to 5 seconds'],
    [{ recordDuration: 31 }, 'input.recordDuration', 'must be from 0 to 30 seconds'],
    [
      { maxRecordFileDuration: 599 },
      'input.maxRecordFileDuration',
      'must be from 600 to 3600 seconds',
    ],
    [
      { maxRecordFileDuration: 3601 },
      'input.maxRecordFileDuration',
      'must be from 600 to 3600 seconds',
    ],
    [{ orderId: '' }, 'input.orderId', 'must not be empty'],
    [{ iotId: '' }, 'input.iotId', 'must not be empty'],
  ])('refuses %j with a ValidationError and no vendor call', async (bad, field, rule) => {
    const res = await h.gql(
      BIND_MUTATION,
      { input: { iotId: device, orderId: 'o-1', ...bad } },
      alice,
    );
    expect(res.body.data.bindCloudStorageOrder).toMatchObject({
      __typename: 'ValidationError',
      field,
      rule,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('an unknown order is the vendor 460 refusal, typed', async () => {
    const res = await h.gql(
      BIND_MUTATION,
      { input: { iotId: device, orderId: 'no-such-order' } },
      alice,
    );
    expect(res.body.data.bindCloudStorageOrder).toMatchObject({
      __typename: 'VendorRejectedError',
      vendorCode: '460',
      requestId: expect.any(String),
    });
    expect((await h.calls()).byApi[BIND]).toBe(1);
  });

  it('a timeout is OutcomeUnknown; the retry with the key reconciles without binding twice', async () => {
    const orderId = await unboundOrderId();
    await h.setFaults([{ api: BIND, latencyMs: 1000 }]);
    const input = { iotId: device, orderId, idempotencyKey: 'bind-slow', ...settings };
    const first = await h.gql(BIND_MUTATION, { input }, alice);
    expect(first.body.data.bindCloudStorageOrder.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await h.gql(BIND_MUTATION, { input }, alice);
    expect(again.body.data.bindCloudStorageOrder).toMatchObject({
      __typename: 'BindCloudStorageOrderPayload',
      order: { orderId, iotId: device },
    });
    expect((await h.calls()).byApi[BIND]).toBe(1);
  });
});

describe('a user not bound to the device', () => {
  // Whichever vendor call meets 2065 first (the write, or the read a key takes before it), the
  // answer is the same union member.
  it.each([
    ['purchaseStreamingPlan', null],
    ['purchaseStreamingPlan', 'not-bound-purchase'],
    ['bindCloudStorageOrder', null],
    ['bindCloudStorageOrder', 'not-bound-bind'],
  ])('%s with idempotencyKey %s gets ForbiddenError 2065', async (mutation, key) => {
    const input =
      mutation === 'purchaseStreamingPlan'
        ? purchase({ idempotencyKey: key })
        : { iotId: device, orderId: await unboundOrderId(), idempotencyKey: key };
    const before = await h.state();
    const res = await h.gql(
      mutation === 'purchaseStreamingPlan' ? PURCHASE : BIND_MUTATION,
      { input },
      bob,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data[mutation]).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2065',
      requestId: expect.any(String),
    });
    const after = await h.state();
    expect(after.streamingOrders).toHaveLength(before.streamingOrders.length);
    expect(after.cloudStorageOrders).toEqual(before.cloudStorageOrders);
  });
});
