/**
 * Every field of every seed's example response comes out typed: the examples are loaded into the
 * emulator verbatim and read back through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.js';

// The order-query document (cloud-storage order query): the example order, verbatim (note "10:00:0", no preConsume).
const seed000Order = {
  iotId: '123',
  identityId: '123',
  commodityCode: 'ilopLVCloudResource',
  specification: 'eventResource_7',
  copies: 1,
  price: '1.0',
  userName: '123',
  userId: '123',
  orderId: '20200731124115****',
  outOrderNo: '20670001970****',
  status: 0,
  paymentStatus: 1,
  orderType: 0,
  recordType: 2,
  startTime: '2020-08-25 10:00:0',
  endTime: '2020-09-25 10:00:0',
  startTimeUTC: '2020-08-25T02:00:00Z',
  endTimeUTC: '2020-09-25T02:00:00Z',
};

// the create document (streaming order create): the example data, verbatim, plus the device it serves.
const seed002Order = {
  iotId: 'bZGD54swRg******FkEs000101',
  identityId: '50e5op6412259c0f117********7cd9326da8409',
  orderId: '2020110413431****0196',
  outOrderNo: '20736951****674',
  commodityName: '视频设备分享增值服务(20人分享10人同时可看)月套餐',
  commodityCode: 'streamingResource_20_10',
  copies: 1,
  startTime: '2020-11-04 09:01:00',
  endTime: '2020-11-04 09:01:00',
  startTimeUTC: '2020-11-04T01:01:00Z',
  endTimeUTC: '2020-11-04T01:01:00Z',
  status: 0,
  paymentStatus: 0,
  price: '140',
  userName: '152****8578',
  userId: '50e5op6412259c0f117********7cd9326da8409',
  months: 1,
};

// the QueryOrders document (QueryOrders): the example order, verbatim; and the same fields as the order behind the create document.
const seed003Order = {
  PretaxAmount: '0',
  CommodityCode: 'ecs',
  RelatedOrderId: '234535345345342',
  CreateTime: '2017-06-08T09:41:30Z',
  Currency: 'CNY',
  SubscriptionType: 'PayAsYouGo',
  PaymentCurrency: 'CNY',
  ProductType: 'rds',
  AfterTaxAmount: '66',
  PaymentTime: '2017-06-08T09:41:30Z',
  PretaxGrossAmount: '0',
  OrderType: 'New',
  PaymentStatus: 'Paid',
  OrderId: '34532532',
  Tax: '1',
  PretaxAmountLocal: '0',
  ProductCode: 'rds',
};

const dataset = {
  users: [{ identityId: '123', iotToken: 'token-123', userName: '123' }],
  devices: [
    { iotId: '123', adminIdentityId: '123', boundIdentityIds: ['123'] },
    { iotId: seed002Order.iotId, adminIdentityId: null, boundIdentityIds: [] },
  ],
  cloudStorageOrders: [seed000Order],
  streamingOrders: [seed002Order],
  streamingCommodities: [
    {
      commodityCode: 'streamingResource_20_10',
      commodityName: seed002Order.commodityName,
      months: 1,
      quota: 10,
      price: '140',
    },
  ],
  billingOrders: [seed003Order, { ...seed003Order, OrderId: seed002Order.outOrderNo }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dataset: dataset as never });
});
afterAll(() => h?.close());

describe('seed examples, typed', () => {
  it('CloudStorageOrder (docs/vendors.md#endpoints): every field', async () => {
    const res = await h.gql(`{
      device(iotId: "123") {
        cloudStorageOrders(first: 10) {
          totalCount
          edges { node {
            id iotId device { iotId } identityId commodityCode specification copies
            price { amount currency } userName userId orderId outOrderNo status paymentStatus
            recordType orderType startTime endTime secondsUsed billingOrder { orderId }
          } }
        }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data.device.cloudStorageOrders;
    expect(conn.totalCount).toBe(1);
    expect(conn.edges[0].node).toEqual({
      id: expect.any(String),
      iotId: '123',
      device: { iotId: '123' },
      identityId: '123',
      commodityCode: 'ilopLVCloudResource',
      specification: 'eventResource_7',
      copies: 1,
      price: { amount: '1.0', currency: 'CNY' },
      userName: '123',
      userId: '123',
      orderId: '20200731124115****',
      outOrderNo: '20670001970****',
      status: 'ACTIVE',
      paymentStatus: 'PAID',
      recordType: 'EVENT',
      orderType: 'PAID',
      startTime: '2020-08-25T02:00:00.000Z',
      endTime: '2020-09-25T02:00:00.000Z',
      secondsUsed: null,
      // No BSS order has this OrderId.
      billingOrder: null,
    });
  });

  it('StreamingOrder (docs/vendors.md#endpoints): every field, and its billing order', async () => {
    const res = await h.gql(`{
      device(iotId: "${seed002Order.iotId}") {
        streamingOrders(first: 5) {
          edges { node {
            id iotId identityId orderId outOrderNo commodityName commodityCode copies months
            startTime endTime status paymentStatus price { amount currency } userName userId
            billingOrder { orderId afterTaxAmount { amount currency } }
          } }
        }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.device.streamingOrders.edges[0].node).toEqual({
      id: expect.any(String),
      iotId: seed002Order.iotId,
      identityId: seed002Order.identityId,
      orderId: seed002Order.orderId,
      outOrderNo: seed002Order.outOrderNo,
      commodityName: seed002Order.commodityName,
      commodityCode: 'streamingResource_20_10',
      copies: 1,
      months: 1,
      startTime: '2020-11-04T01:01:00.000Z',
      endTime: '2020-11-04T01:01:00.000Z',
      status: 'ACTIVE',
      paymentStatus: 'UNPAID',
      price: { amount: '140', currency: 'CNY' },
      userName: '152****8578',
      userId: seed002Order.userId,
      billingOrder: {
        orderId: seed002Order.outOrderNo,
        afterTaxAmount: { amount: '66', currency: 'CNY' },
      },
    });
  });

  it('BillingOrder (docs/vendors.md#queryorders): every field, through QueryOrders and through node()', async () => {
    const fields = `id orderId relatedOrderId productCode productType commodityCode subscriptionType
      orderType paymentStatus createTime paymentTime currency paymentCurrency
      pretaxAmount { amount currency } pretaxGrossAmount { amount currency }
      pretaxAmountLocal { amount currency } afterTaxAmount { amount currency } tax { amount currency }`;
    const res = await h.gql(`{
      billingOrders(first: 5, filter: { createdAfter: "2017-06-08T00:00:00Z", createdBefore: "2017-06-09T00:00:00Z" }) {
        totalCount edges { node { ${fields} } }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data.billingOrders;
    expect(conn.totalCount).toBe(2);
    const order = conn.edges.find((e: any) => e.node.orderId === '34532532').node;
    const money = (amount: string) => ({ amount, currency: 'CNY' });
    expect(order).toEqual({
      id: expect.any(String),
      orderId: '34532532',
      relatedOrderId: '234535345345342',
      productCode: 'rds',
      productType: 'rds',
      commodityCode: 'ecs',
      subscriptionType: 'PAY_AS_YOU_GO',
      orderType: 'NEW',
      paymentStatus: 'PAID',
      createTime: '2017-06-08T09:41:30.000Z',
      paymentTime: '2017-06-08T09:41:30.000Z',
      currency: 'CNY',
      paymentCurrency: 'CNY',
      pretaxAmount: money('0'),
      pretaxGrossAmount: money('0'),
      pretaxAmountLocal: money('0'),
      afterTaxAmount: money('66'),
      tax: money('1'),
    });
    const again = await h.gql(
      `query($id: ID!) { node(id: $id) { ... on BillingOrder { ${fields} } } }`,
      {
        id: order.id,
      },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.node).toEqual(order);
  });

  it('StreamingPlan: every field', async () => {
    const res = await h.gql(
      `{ streamingPlans { commodityCode commodityName months quota price { amount currency } } }`,
    );
    expect(res.body.data.streamingPlans).toEqual([
      {
        commodityCode: 'streamingResource_20_10',
        commodityName: seed002Order.commodityName,
        months: 1,
        quota: 10,
        price: { amount: '140', currency: 'CNY' },
      },
    ]);
  });

  it('node() fetches an order again by its global ID', async () => {
    const list = await h.gql(
      `{ device(iotId: "123") { id cloudStorageOrders(first: 1) { edges { node { id orderId } } } } }`,
    );
    const { id, orderId } = list.body.data.device.cloudStorageOrders.edges[0].node;
    await h.resetCalls();
    const res = await h.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on CloudStorageOrder { orderId status } ... on Device { iotId } } }`,
      {
        ids: [id, list.body.data.device.id],
      },
    );
    expect(res.body.data.nodes).toEqual([
      { __typename: 'CloudStorageOrder', id, orderId, status: 'ACTIVE' },
      { __typename: 'Device', id: list.body.data.device.id, iotId: '123' },
    ]);
    expect((await h.calls()).byApi).toEqual({ '/vision/customer/cloudstorage/order/get': 1 });
  });
});
