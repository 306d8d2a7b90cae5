import {
  addCalendarMonths,
  compactPlatformLocal,
  formatPlatformLocal,
  formatUtc,
  startOfUtcDay,
} from './clock.js';
import type {
  BillingOrder,
  CloudStorageCommodity,
  CloudStorageOrder,
  Dataset,
  Device,
  FreeCloudStorage,
  StreamingCommodity,
  StreamingOrder,
  User,
} from './dataset-schema.js';
import { formatAmount, toFen } from './money.js';
import { createRandom, type Random } from './prng.js';

const DAY = 86_400_000;

/** A BSS order's amount fields for an untaxed CNY amount (every field is a decimal string). */
function cnyAmounts(amount: string) {
  return {
    Currency: 'CNY',
    PaymentCurrency: 'CNY',
    PretaxGrossAmount: amount,
    PretaxAmount: amount,
    Tax: '0.00',
    AfterTaxAmount: amount,
    PretaxAmountLocal: amount,
  };
}
/** The seed of the demo dataset: the same seed and day always give the same data. */
export const DEMO_SEED = 20_240_501;

export const DEMO_USERS: readonly User[] = [
  { identityId: 'identity-alice', iotToken: 'demo-token-alice', userName: 'alice' },
  { identityId: 'identity-bob', iotToken: 'demo-token-bob', userName: 'bob' },
  { identityId: 'identity-carol', iotToken: 'demo-token-carol', userName: 'carol' },
  { identityId: 'identity-dave', iotToken: 'demo-token-dave', userName: 'dave' },
];

/** Device iotIds depend only on the seed and the device's index (so DEMO_EXAMPLE is a constant). */
export function iotIdFor(seed: number, index: number): string {
  return createRandom(seed + index * 7_919).alnum(20) + String(index).padStart(6, '0');
}

/**
 * Roles in the demo dataset (default generator options): device 0 (alice admin, 120 orders), device 1
 * (bob admin, alice shared, 105 orders), device 2 (alice admin, carol shared, 12 orders: the example),
 * device 3 (no admin), device 4 (carol admin, shared with alice and bob, no orders).
 */
export const DEMO_DEVICES = {
  aliceMany: iotIdFor(DEMO_SEED, 0),
  bobManySharedWithAlice: iotIdFor(DEMO_SEED, 1),
  aliceExample: iotIdFor(DEMO_SEED, 2),
  noAdmin: iotIdFor(DEMO_SEED, 3),
  carolNoOrders: iotIdFor(DEMO_SEED, 4),
} as const;

/** A ready example for banners and docs: a device alice administers, with several orders. */
export const DEMO_EXAMPLE = {
  token: 'demo-token-alice',
  iotId: DEMO_DEVICES.aliceExample,
} as const;

export const DEMO_COMMODITIES: readonly StreamingCommodity[] = [
  {
    commodityCode: 'streamingResource_20_10',
    commodityName: '视频设备分享增值服务(20人分享10人同时可看)月套餐',
    months: 1,
    quota: 10,
    price: '140',
  },
  {
    commodityCode: 'streamingResource_5_2',
    commodityName: '视频设备分享增值服务(5人分享2人同时可看)月套餐',
    months: 1,
    quota: 2,
    price: '30',
  },
  {
    commodityCode: 'streamingResource_20_10_year',
    commodityName: '视频设备分享增值服务(20人分享10人同时可看)年套餐',
    months: 12,
    quota: 10,
    price: '1400',
  },
];

// Specification names follow the order-query document's example ("eventResource_7": event recording kept 7 days).
const PLANS = [
  { specification: 'eventResource_7', recordType: 2, monthly: '6' },
  { specification: 'eventResource_30', recordType: 2, monthly: '12.5' },
  { specification: 'fullTimeResource_7', recordType: 1, monthly: '15' },
  { specification: 'fullTimeResource_30', recordType: 1, monthly: '29.9' },
] as const;

const CLOUD_PLAN_NAMES: Record<string, string> = {
  eventResource_7: '云存储事件录像7天',
  eventResource_30: '云存储事件录像30天',
  fullTimeResource_7: '云存储全天录像7天',
  fullTimeResource_30: '云存储全天录像30天',
};

/**
 * The cloud-storage plans on sale (commodity/query): each plan by the month, and the 7-day ones by
 * the year too. `lifecycle` (days of video kept) is the number in the specification's name.
 */
export const DEMO_CLOUD_STORAGE_COMMODITIES: readonly CloudStorageCommodity[] = [
  ...PLANS.map((p) => ({
    commodityCode: 'ilopLVCloudResource',
    commodityName: `${CLOUD_PLAN_NAMES[p.specification]}月套餐`,
    specification: p.specification,
    recordType: p.recordType,
    price: p.monthly,
    lifecycle: Number(p.specification.split('_')[1]),
    months: 1,
  })),
  ...PLANS.filter((p) => p.specification.endsWith('_7')).map((p) => ({
    commodityCode: 'ilopLVCloudResourceYear',
    commodityName: `${CLOUD_PLAN_NAMES[p.specification]}年套餐`,
    specification: p.specification,
    recordType: p.recordType,
    price: priceOf(p.monthly, 10, false),
    lifecycle: 7,
    months: 12,
  })),
];

/** Specifications of event recording: what the demo's `carolNoOrders` may not buy. */
const EVENT_SPECIFICATIONS = PLANS.filter((p) => p.recordType === 2).map((p) => p.specification);

const PRODUCTS = [
  { productKey: 'a1SubgIndoor', productName: 'Indoor camera', nodeType: 'DEVICE' },
  { productKey: 'a1SubgOutdor', productName: 'Outdoor camera', nodeType: 'DEVICE' },
  { productKey: 'a1SubgNvrBox', productName: 'Video recorder', nodeType: 'GATEWAY' },
] as const;
const NICK_NAMES = ['Living room', 'Front door', 'Garage', 'Nursery', 'Office', 'Backyard'];
/** Binding statuses in turn: mostly online, some offline, one inactive and one disabled in ten. */
const STATUS_CYCLE = [1, 1, 3, 1, 0, 1, 3, 1, 8, 1] as const;

/**
 * What the binding list says of device `index`: drawn from the index alone (no random draw), so
 * adding it left every other record of a seed as it was. Every third device has no nickName.
 */
function bindingFields(index: number, now: number): Partial<Device> {
  const product = PRODUCTS[index % PRODUCTS.length]!;
  return {
    productKey: product.productKey,
    productName: product.productName,
    deviceName: `cam${String(index).padStart(4, '0')}`,
    nickName: index % 3 === 1 ? null : `${NICK_NAMES[index % NICK_NAMES.length]} ${index}`,
    status: STATUS_CYCLE[index % STATUS_CYCLE.length],
    nodeType: product.nodeType,
    netType: 'NET_WIFI',
    productImage: `https://static.subgate.invalid/products/${product.productKey}.png`,
    categoryImage: null,
    gmtModified: now - index * 3_600_000,
  };
}

type FreePlanState = 'unclaimed' | 'active' | 'expired' | 'none';

/** Device 0's trial is used up, devices 2 and 4 still have theirs, device 3 (no admin) has none. */
function freePlanState(index: number): FreePlanState {
  if (index === 0) return 'expired';
  if (index === 2 || index === 4) return 'unclaimed';
  if (index === 3) return 'none';
  return (['unclaimed', 'active', 'expired'] as const)[index % 3]!;
}

/** A device's free plan (freecloudstorage/get): event recording, 7 days kept, one month. */
function freePlanFor(iotId: string, index: number, now: number): FreeCloudStorage | null {
  const state = freePlanState(index);
  if (state === 'none') return null;
  const plan: FreeCloudStorage = {
    iotId,
    type: 2,
    lifecycle: 7,
    months: 1,
    consumed: state !== 'unclaimed',
    remainQuota: state === 'unclaimed' ? 1 : 0,
    expired: state === 'expired',
  };
  if (state === 'unclaimed') return plan;
  const start =
    state === 'active'
      ? now - ((index % 20) + 1) * DAY
      : addCalendarMonths(now, -3) - index * 3_600_000;
  return { ...plan, ...times(start, addCalendarMonths(start, 1)) };
}

export interface GenerateDatasetOptions {
  seed: number;
  /** Epoch ms the dates are relative to. */
  now: number;
  /** Number of devices; default 60. */
  devices?: number;
  /** Exactly this many cloud-storage orders per device (benchmarks); default: the demo's varied mix. */
  ordersPerDevice?: number;
}

/** The demo dataset: DEMO_SEED relative to the start of the current UTC day (so demo plans are current). */
export function demoDataset(now: number = startOfUtcDay(Date.now())): Dataset {
  return generateDataset({ seed: DEMO_SEED, now });
}

interface DevicePlan {
  device: Device;
  orders: number;
  owner: User;
  queued: boolean;
  unpaid: 0 | 2 | null;
  frozen: boolean;
}

/** A deterministic dataset (the dataset document of src/emulator/README.md) for the demo and for benchmarks. */
export function generateDataset(options: GenerateDatasetOptions): Dataset {
  const { seed, now } = options;
  const deviceCount = options.devices ?? 60;
  const rand = createRandom(seed);
  const users = DEMO_USERS.map((u) => ({ ...u }));
  const [alice, bob, carol, dave] = users as [User, User, User, User];
  const ids = new IdFactory(rand);
  // A stream of its own, so the billing lead does not shift the main stream's draws.
  const leads = createRandom(seed ^ 0x5eed);
  const billedAt = (createdAt: number) => createdAt - leads.int(2, 9) * 1000;
  const billing: BillingOrder[] = [];
  const cloud: CloudStorageOrder[] = [];

  const plans: DevicePlan[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const iotId = iotIdFor(seed, i);
    const admin = users[i % users.length] as User;
    const plan: DevicePlan = {
      device: { iotId, adminIdentityId: admin.identityId, boundIdentityIds: [] },
      orders: options.ordersPerDevice ?? (i % 7 === 0 ? 0 : rand.int(1, 9)),
      owner: admin,
      queued: rand.chance(0.3),
      unpaid: rand.chance(0.15) ? rand.pick([0, 2] as const) : null,
      frozen: rand.chance(0.1),
    };
    if (options.ordersPerDevice === undefined) {
      const other = users[(i + 1) % users.length] as User;
      if (rand.chance(0.25)) plan.device.boundIdentityIds.push(other.identityId);
      if (i === 0)
        Object.assign(plan, { owner: alice, orders: 120, queued: true, unpaid: 0, frozen: true });
      if (i === 1)
        Object.assign(plan, { owner: bob, orders: 105, queued: false, unpaid: 2, frozen: false });
      if (i === 2) Object.assign(plan, { owner: alice, orders: 12, queued: true, unpaid: null });
      if (i === 3) Object.assign(plan, { owner: dave, orders: 2 });
      if (i === 4) Object.assign(plan, { owner: carol, orders: 0 });
      if (i <= 4) plan.device.boundIdentityIds = [];
      if (i === 1) plan.device.boundIdentityIds = [alice.identityId];
      if (i === 2) plan.device.boundIdentityIds = [carol.identityId];
      if (i === 4) plan.device.boundIdentityIds = [alice.identityId, bob.identityId];
      plan.device.adminIdentityId = i === 3 ? null : plan.owner.identityId;
    }
    plans.push(plan);
  }

  for (const plan of plans) {
    const orders = cloudOrdersFor(plan, rand, ids, now);
    cloud.push(...orders.map((o) => o.order));
    orders.forEach(({ order, createdAt }, k) => {
      const oldest = k === orders.length - 1;
      billing.push(
        billingFor(rand, {
          orderId: order.outOrderNo,
          createdAt: billedAt(createdAt),
          paymentStatus: order.paymentStatus,
          orderType: oldest ? 'New' : rand.chance(0.05) ? 'Upgrade' : 'Renew',
          productType: 'linkvisual_cloudstorage',
          commodityCode: 'linkvisual_cloudstorage_pre',
          price: order.price,
          iotId: order.iotId ?? '',
          startUtc: order.startTimeUTC,
          endUtc: order.endTimeUTC,
          copies: order.copies,
          config: `commodityCode:${order.commodityCode};specification:${order.specification};recordType:${order.recordType}`,
          now,
        }),
      );
    });
  }

  // Cloud-storage orders bought but not yet bound to any device (the bind document binds them).
  for (let k = 0; k < 6; k++) {
    const p = rand.pick(PLANS);
    const createdAt = now - rand.int(1, 5 * 24 * 3600) * 1000;
    const copies = rand.int(1, 12);
    const { orderId, outOrderNo } = ids.next(createdAt);
    const end = addCalendarMonths(createdAt, copies);
    const price = priceOf(p.monthly, copies, false);
    cloud.push({
      iotId: null,
      identityId: null,
      commodityCode: 'ilopLVCloudResource',
      specification: p.specification,
      copies,
      price,
      userName: null,
      userId: null,
      orderId,
      outOrderNo,
      status: 0,
      paymentStatus: 1,
      recordType: p.recordType,
      orderType: 0,
      ...times(createdAt, end),
      preConsume: 0,
    });
    billing.push(
      billingFor(rand, {
        orderId: outOrderNo,
        createdAt: billedAt(createdAt),
        paymentStatus: 1,
        orderType: 'New',
        productType: 'linkvisual_cloudstorage',
        commodityCode: 'linkvisual_cloudstorage_pre',
        price,
        iotId: '',
        startUtc: formatUtc(createdAt),
        endUtc: formatUtc(end),
        copies,
        config: `commodityCode:ilopLVCloudResource;specification:${p.specification};recordType:${p.recordType}`,
        now,
      }),
    );
  }

  const streaming = streamingOrdersFor(plans, rand, ids, now, billing, billedAt);
  billing.push(...extraBillingOrders(rand, ids, now, cloud));
  // Last, so the orders above stay what they were before the account had other products.
  billing.push(...otherProductOrders(rand, ids, now));

  const devices = plans.map((p, i) => ({ ...p.device, ...bindingFields(i, now) }));
  if (options.ordersPerDevice === undefined && deviceCount > 4) {
    devices[4]!.unavailableSpecifications = [...EVENT_SPECIFICATIONS];
  }
  return {
    users,
    devices,
    cloudStorageOrders: cloud,
    streamingOrders: streaming,
    streamingCommodities: DEMO_COMMODITIES.map((c) => ({ ...c })),
    cloudStorageCommodities: DEMO_CLOUD_STORAGE_COMMODITIES.map((c) => ({ ...c })),
    freeCloudStorage: devices.flatMap((d, i) => freePlanFor(d.iotId, i, now) ?? []),
    billingOrders: billing,
  };
}

class IdFactory {
  #sequence = 0;
  readonly #used = new Set<string>();
  readonly #rand: Random;
  constructor(rand: Random) {
    this.#rand = rand;
  }
  next(createdAt: number): { orderId: string; outOrderNo: string } {
    this.#sequence++;
    const orderId = compactPlatformLocal(createdAt) + String(this.#sequence).padStart(6, '0');
    let outOrderNo: string;
    do outOrderNo = '2' + this.#rand.digits(14);
    while (this.#used.has(outOrderNo));
    this.#used.add(outOrderNo);
    return { orderId, outOrderNo };
  }
}

/** An order's four time fields: platform local and UTC. */
export function times(start: number, end: number) {
  return {
    startTime: formatPlatformLocal(start),
    endTime: formatPlatformLocal(end),
    startTimeUTC: formatUtc(start),
    endTimeUTC: formatUtc(end),
  };
}

function priceOf(monthly: string, copies: number, free: boolean): string {
  if (free) return '0';
  const fen = toFen(monthly) * copies;
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2).replace(/0$/, '');
}

/** A device's cloud-storage orders, newest first: unpaid?, queued?, the active one, then expired ones back in time. */
function cloudOrdersFor(
  plan: DevicePlan,
  rand: Random,
  ids: IdFactory,
  now: number,
): { order: CloudStorageOrder; createdAt: number }[] {
  const out: { order: CloudStorageOrder; createdAt: number }[] = [];
  if (plan.orders === 0) return out;
  const big = plan.orders > 24;
  const p = rand.pick(PLANS);
  const make = (
    start: number,
    copies: number,
    status: 0 | 1 | 2 | 3,
    paymentStatus: 0 | 1 | 2,
    createdAt: number,
    free = false,
  ) => {
    const spec = rand.chance(0.8) ? p : rand.pick(PLANS);
    const end = addCalendarMonths(start, copies);
    const used =
      status === 1
        ? end - start
        : status === 0 && start < now
          ? now - start
          : status === 2
            ? (now - start) / 2
            : 0;
    const { orderId, outOrderNo } = ids.next(createdAt);
    const order: CloudStorageOrder = {
      iotId: plan.device.iotId,
      identityId: plan.owner.identityId,
      commodityCode: 'ilopLVCloudResource',
      specification: spec.specification,
      copies,
      price: priceOf(spec.monthly, copies, free),
      userName: plan.owner.userName,
      userId: `uid-${plan.owner.userName}`,
      orderId,
      outOrderNo,
      status,
      paymentStatus,
      recordType: spec.recordType,
      orderType: free ? 1 : 0,
      ...times(start, end),
      preConsume: Math.max(0, Math.floor(used / 1000)),
    };
    return { order, createdAt, end };
  };

  const activeStart = now - rand.int(1, 20) * DAY - rand.int(0, 86_399) * 1000;
  const active = make(
    activeStart,
    big ? 1 : rand.int(1, 3),
    plan.frozen && !big ? 2 : 0,
    1,
    activeStart - rand.int(0, 3600) * 1000,
  );
  let latestEnd = active.end;
  const newer: typeof out = [];
  if (plan.queued && plan.orders - 1 > newer.length) {
    const queued = make(latestEnd, rand.int(1, 12), 0, 1, now - rand.int(1, 5 * 86_400) * 1000);
    latestEnd = queued.end;
    newer.unshift(queued);
  }
  if (plan.unpaid !== null && plan.orders - 1 > newer.length) {
    newer.unshift(
      make(latestEnd, rand.int(1, 6), 3, plan.unpaid, now - rand.int(60, 72 * 3600) * 1000),
    );
  }
  out.push(...newer, active);

  let cursor = activeStart;
  while (out.length < plan.orders) {
    const copies = big ? 1 : rand.int(1, 3);
    const start = addCalendarMonths(cursor, -copies);
    const oldest = out.length === plan.orders - 1;
    // Device 0 (frozen + big) gets one frozen order in its history so every status occurs.
    const status = plan.frozen && big && out.length === 5 ? 2 : 1;
    out.push(make(start, copies, status, 1, start - rand.int(0, 86_400) * 1000, oldest && big));
    cursor = start;
  }
  return out.map(({ order, createdAt }) => ({ order, createdAt }));
}

interface BillingInput {
  orderId: string;
  createdAt: number;
  paymentStatus: 0 | 1 | 2;
  orderType: 'New' | 'Renew' | 'Upgrade';
  productType: string;
  commodityCode: string;
  price: string;
  iotId: string;
  startUtc: string;
  endUtc: string;
  copies: number;
  config: string;
  now: number;
}

/** The BSS order behind a Living IoT order (its outOrderNo), with one sub-order. */
export function billingFor(rand: Random | null, input: BillingInput): BillingOrder {
  const fen = toFen(input.price);
  const amount = formatAmount(fen);
  const paid = input.paymentStatus === 1;
  // An unpaid order older than a day counts as cancelled in the demo (one in three; a guess at BSS).
  const cancelled =
    !paid && input.createdAt < input.now - DAY && rand !== null && rand.chance(0.34);
  const order: BillingOrder = {
    OrderId: input.orderId,
    CreateTime: formatUtc(input.createdAt),
    ProductCode: 'linkvisual',
    ProductType: input.productType,
    CommodityCode: input.commodityCode,
    SubscriptionType: 'Subscription',
    OrderType: input.orderType,
    PaymentStatus: paid ? 'Paid' : cancelled ? 'Cancelled' : 'Unpaid',
    ...cnyAmounts(amount),
    SubOrders: [
      {
        SubOrderId: `${input.orderId}01`,
        OrderSubType: input.orderType,
        UsageStartTime: input.startUtc,
        UsageEndTime: input.endUtc,
        Quantity: String(input.copies),
        Region: 'cn-shanghai',
        InstanceIDs: input.iotId,
        Operator: '',
        Config: input.config,
      },
    ],
  };
  if (paid) order.PaymentTime = formatUtc(input.createdAt + 30_000);
  return order;
}

function streamingOrdersFor(
  plans: DevicePlan[],
  rand: Random,
  ids: IdFactory,
  now: number,
  billing: BillingOrder[],
  billedAt: (createdAt: number) => number,
): StreamingOrder[] {
  const out: StreamingOrder[] = [];
  plans.forEach((plan, i) => {
    if (plan.device.adminIdentityId === null || !(i === 2 || i % 3 === 0)) return;
    const count = i === 2 ? 3 : rand.int(1, 3);
    let cursor = now - rand.int(1, 20) * DAY - rand.int(0, 86_399) * 1000;
    for (let k = 0; k < count; k++) {
      const commodity =
        k === 0 ? (DEMO_COMMODITIES[0] as StreamingCommodity) : rand.pick(DEMO_COMMODITIES);
      const copies = rand.int(1, 2);
      const start = k === 0 ? cursor : addCalendarMonths(cursor, -commodity.months * copies);
      const end = addCalendarMonths(start, commodity.months * copies);
      const status = k === 0 ? (i % 9 === 0 ? 2 : 0) : 1;
      const paymentStatus = k === 0 && i % 12 === 6 ? 0 : 1;
      const createdAt = start - rand.int(0, 3600) * 1000;
      const { orderId, outOrderNo } = ids.next(createdAt);
      const price = String((toFen(commodity.price) * copies) / 100);
      out.push({
        iotId: plan.device.iotId,
        identityId: plan.owner.identityId,
        orderId,
        outOrderNo,
        commodityName: commodity.commodityName,
        commodityCode: commodity.commodityCode,
        copies,
        months: commodity.months,
        ...times(start, end),
        status,
        paymentStatus,
        price,
        userName: plan.owner.userName,
        userId: `uid-${plan.owner.userName}`,
      });
      billing.push(
        billingFor(rand, {
          orderId: outOrderNo,
          createdAt: billedAt(createdAt),
          paymentStatus,
          orderType: k === count - 1 ? 'New' : 'Renew',
          productType: 'linkvisual_streaming',
          commodityCode: 'linkvisual_streaming_pre',
          price,
          iotId: plan.device.iotId,
          startUtc: formatUtc(start),
          endUtc: formatUtc(end),
          copies,
          config: `commodityCode:${commodity.commodityCode}`,
          now,
        }),
      );
      cursor = start;
    }
  });
  return out;
}

/** Billing-only orders so every QueryOrders filter has something to find: refunds and pay-as-you-go. */
function extraBillingOrders(
  rand: Random,
  ids: IdFactory,
  now: number,
  cloud: CloudStorageOrder[],
): BillingOrder[] {
  const out: BillingOrder[] = [];
  const refundable = cloud.filter((o) => o.paymentStatus === 1 && o.orderType === 0);
  for (let k = 0; k < 5 && refundable.length > 0; k++) {
    const original = rand.pick(refundable);
    const createdAt = now - rand.int(1, 6 * 86_400) * 1000;
    const amount = formatAmount(-toFen(original.price));
    out.push({
      OrderId: ids.next(createdAt).outOrderNo,
      RelatedOrderId: original.outOrderNo,
      CreateTime: formatUtc(createdAt),
      PaymentTime: formatUtc(createdAt + 60_000),
      ProductCode: 'linkvisual',
      ProductType: 'linkvisual_cloudstorage',
      CommodityCode: 'linkvisual_cloudstorage_pre',
      SubscriptionType: 'Subscription',
      OrderType: 'Refund',
      PaymentStatus: null, // The QueryOrders document: refunds may carry no payment status
      ...cnyAmounts(amount),
    });
  }
  for (let k = 0; k < 5; k++) {
    const createdAt = now - rand.int(1, 6 * 86_400) * 1000;
    const amount = formatAmount(rand.int(1, 5_000));
    out.push({
      OrderId: ids.next(createdAt).outOrderNo,
      CreateTime: formatUtc(createdAt),
      PaymentTime: formatUtc(createdAt + 5_000),
      ProductCode: 'oss',
      ProductType: 'oss',
      CommodityCode: 'oss',
      SubscriptionType: 'PayAsYouGo',
      OrderType: 'New',
      PaymentStatus: 'Paid',
      ...cnyAmounts(amount),
    });
  }
  return out;
}

/** Products the demo account also buys: billing orders that pay for no Living IoT order. */
const OTHER_PRODUCTS = [
  { code: 'ecs', subscription: 'Subscription', fen: [3_000, 90_000] },
  { code: 'rds', subscription: 'Subscription', fen: [10_000, 150_000] },
  { code: 'domain', subscription: 'Subscription', fen: [2_900, 6_900] },
  { code: 'cdn', subscription: 'PayAsYouGo', fen: [1, 20_000] },
  { code: 'sls', subscription: 'PayAsYouGo', fen: [1, 5_000] },
] as const;

/** How far back the other products' orders go, and at most how many a day. */
const OTHER_PRODUCT_DAYS = 120;
const OTHER_PRODUCT_PER_DAY = 2;

/**
 * The account's other products (ECS, RDS, CDN, ...): QueryOrders has no order-id filter, so a sweep
 * for the orders behind Living IoT orders pages through these too, as it would on a real account.
 */
function otherProductOrders(rand: Random, ids: IdFactory, now: number): BillingOrder[] {
  const out: BillingOrder[] = [];
  for (let day = 0; day < OTHER_PRODUCT_DAYS; day++) {
    for (let k = rand.int(0, OTHER_PRODUCT_PER_DAY); k > 0; k--) {
      const product = rand.pick(OTHER_PRODUCTS);
      const createdAt = now - day * DAY - rand.int(1, 86_399) * 1000;
      const subscription = product.subscription === 'Subscription';
      const paid = !subscription || rand.chance(0.9);
      const amount = formatAmount(rand.int(product.fen[0], product.fen[1]));
      const order: BillingOrder = {
        OrderId: ids.next(createdAt).outOrderNo,
        CreateTime: formatUtc(createdAt),
        ProductCode: product.code,
        ProductType: product.code,
        CommodityCode: subscription ? `${product.code}_pre` : `${product.code}_post`,
        SubscriptionType: product.subscription,
        OrderType: subscription ? rand.pick(['New', 'Renew', 'Renew', 'Upgrade'] as const) : 'New',
        PaymentStatus: paid ? 'Paid' : 'Unpaid',
        ...cnyAmounts(amount),
      };
      if (paid) order.PaymentTime = formatUtc(createdAt + rand.int(5, 120) * 1000);
      out.push(order);
    }
  }
  return out;
}
