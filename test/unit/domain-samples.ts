/** One of each domain type, every field set (every Date a Date), for tests over all of them. */
import type { BillingOrder } from '../../src/domain/billing-order.js';
import type { CloudStorageOrder } from '../../src/domain/cloud-storage-order.js';
import type { StreamingOrder } from '../../src/domain/streaming-order.js';
import type { StreamingPlan } from '../../src/domain/streaming-plan.js';

const cny = (amount: string) => ({ amount, currency: 'CNY' });

export const cloudStorageOrder: CloudStorageOrder = {
  kind: 'cloudStorage',
  iotId: 'dev-1',
  identityId: 'identity-1',
  commodityCode: 'ilopLVCloudResource',
  specification: 'eventResource_7',
  copies: 1,
  price: cny('1.0'),
  userName: 'user',
  userId: 'user-1',
  orderId: 'cs-1',
  outOrderNo: 'bss-1',
  status: 'ACTIVE',
  paymentStatus: 'PAID',
  recordType: 'EVENT',
  orderType: 'PAID',
  startTime: new Date('2026-01-01T00:00:00Z'),
  endTime: new Date('2026-02-01T00:00:00.123Z'),
  preConsume: 60,
};

export const streamingOrder: StreamingOrder = {
  kind: 'streaming',
  iotId: 'dev-1',
  identityId: 'identity-1',
  orderId: 'st-1',
  outOrderNo: 'bss-2',
  commodityName: 'sharing',
  commodityCode: 'streamingResource_20_10',
  copies: 1,
  months: 1,
  startTime: new Date('2026-01-01T00:00:00Z'),
  endTime: new Date('2026-02-01T00:00:00Z'),
  status: 'ACTIVE',
  paymentStatus: 'PAID',
  price: cny('140'),
  userName: 'user',
  userId: 'user-1',
};

export const billingOrder: BillingOrder = {
  orderId: 'bss-1',
  relatedOrderId: 'bss-0',
  productCode: 'iot',
  productType: 'iot_living',
  commodityCode: 'ilopLVCloudResource',
  subscriptionType: 'SUBSCRIPTION',
  orderType: 'NEW',
  paymentStatus: 'PAID',
  createTime: new Date('2026-01-01T00:00:00Z'),
  paymentTime: new Date('2026-01-01T00:01:00Z'),
  currency: 'CNY',
  paymentCurrency: 'CNY',
  pretaxAmount: cny('1.00'),
  pretaxGrossAmount: cny('1.00'),
  pretaxAmountLocal: cny('1.00'),
  afterTaxAmount: cny('1.00'),
  tax: cny('0.00'),
  subOrders: [
    {
      subOrderId: 'bss-1-1',
      orderSubType: 'NEW',
      usageStartTime: new Date('2026-01-01T00:00:00Z'),
      usageEndTime: new Date('2026-02-01T00:00:00Z'),
      quantity: '1',
      region: 'cn-shanghai',
      instanceIds: 'i-1',
      operator: 'op',
      config: 'c',
    },
  ],
};

export const streamingPlan: StreamingPlan = {
  commodityCode: 'streamingResource_20_10',
  commodityName: 'sharing',
  months: 1,
  quota: 10,
  price: cny('140'),
};
