import { randomInt } from 'node:crypto';
import { compactPlatformLocal, formatUtc } from './clock.js';
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
import { generatedOrders, type GeneratedOrders } from './generated-orders.js';

interface Index {
  usersByToken: Map<string, User>;
  devices: Map<string, Device>;
  cloudByDevice: Map<string, CloudStorageOrder[]>;
  cloudById: Map<string, CloudStorageOrder>;
  streamingByDevice: Map<string, StreamingOrder[]>;
  commodities: Map<string, StreamingCommodity>;
  cloudCommodities: Map<string, CloudStorageCommodity>;
  freePlans: Map<string, FreeCloudStorage>;
  billingById: Map<string, BillingOrder>;
  billingNewestFirst: BillingOrder[];
  generated: GeneratedOrders | null;
  usedIds: Set<string>;
}

/** Newest first by start time, then by orderId (descending), so pages are stable. */
function newestFirst(a: { startTimeUTC: string; orderId: string }, b: typeof a): number {
  if (a.startTimeUTC !== b.startTimeUTC) return a.startTimeUTC < b.startTimeUTC ? 1 : -1;
  return a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0;
}

function group<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The emulator's mutable state: the current dataset plus lookup indexes rebuilt after every change. */
export class Store {
  readonly #initial: Dataset;
  #data: Dataset;
  #index: Index | undefined;
  #sequence = 0;
  /** Streaming payments under way: orderId → when they settle (emulator clock, epoch ms). */
  #paying = new Map<string, number>();

  constructor(initial: Dataset) {
    this.#initial = structuredClone(initial);
    this.#data = structuredClone(initial);
  }

  get settings(): NonNullable<Dataset['settings']> {
    return this.#data.settings ?? {};
  }

  snapshot(): Dataset {
    return structuredClone(this.#data);
  }

  replace(dataset: Dataset): void {
    this.#data = structuredClone(dataset);
    this.#index = undefined;
    this.#paying.clear();
  }

  reset(): void {
    this.replace(this.#initial);
  }

  /** Call after mutating a record in place. */
  changed(): void {
    this.#index = undefined;
  }

  userByToken(token: string): User | undefined {
    return this.#idx().usersByToken.get(token);
  }

  device(iotId: string): Device | undefined {
    return this.#idx().devices.get(iotId);
  }

  cloudOrdersOf(iotId: string): CloudStorageOrder[] {
    return this.#idx().cloudByDevice.get(iotId) ?? [];
  }

  cloudOrder(orderId: string): CloudStorageOrder | undefined {
    return this.#idx().cloudById.get(orderId);
  }

  streamingOrdersOf(iotId: string): StreamingOrder[] {
    return this.#idx().streamingByDevice.get(iotId) ?? [];
  }

  commodities(): StreamingCommodity[] {
    return this.#data.streamingCommodities;
  }

  commodity(code: string): StreamingCommodity | undefined {
    return this.#idx().commodities.get(code);
  }

  /** The devices a user is bound to (admin or shared), in dataset order. */
  devicesOf(identityId: string): Device[] {
    return this.#data.devices.filter(
      (d) => d.adminIdentityId === identityId || d.boundIdentityIds.includes(identityId),
    );
  }

  cloudCommodities(): CloudStorageCommodity[] {
    return this.#data.cloudStorageCommodities;
  }

  cloudCommodity(commodityCode: string, specification: string): CloudStorageCommodity | undefined {
    return this.#idx().cloudCommodities.get(`${commodityCode}|${specification}`);
  }

  freePlan(iotId: string): FreeCloudStorage | undefined {
    return this.#idx().freePlans.get(iotId);
  }

  billingOrdersNewestFirst(): BillingOrder[] {
    return this.#idx().billingNewestFirst;
  }

  billingOrder(orderId: string): BillingOrder | undefined {
    const idx = this.#idx();
    return idx.billingById.get(orderId) ?? idx.generated?.byId(orderId);
  }

  /** The dataset's generated account, merged after its own billing orders (null: none). */
  generatedBillingOrders(): GeneratedOrders | null {
    return this.#idx().generated;
  }

  addStreamingOrder(order: StreamingOrder, billing: BillingOrder): void {
    this.#data.streamingOrders.push(order);
    this.#data.billingOrders.push(billing);
    this.changed();
  }

  /** A new order, with its BSS order when it is a purchase (a transfer's keeps the source's). */
  addCloudStorageOrder(order: CloudStorageOrder, billing?: BillingOrder): void {
    this.#data.cloudStorageOrders.push(order);
    if (billing) this.#data.billingOrders.push(billing);
    this.changed();
  }

  /**
   * Starts paying an order (streaming pay, cloud-storage buy): paying (2) now, paid (1) once the
   * clock reaches `settleAt`; a cloud-storage order still creating (status 3) is active (0) then.
   */
  startPayment(order: StreamingOrder | CloudStorageOrder, settleAt: number): void {
    order.paymentStatus = 2;
    this.#paying.set(order.orderId, settleAt);
    this.changed();
  }

  /**
   * Settles the payments whose time has come: the order is paid (1) and its BSS order (OrderId =
   * outOrderNo) Paid at that moment. Run before every call, so a moved clock is all a test needs.
   */
  settlePayments(now: number): void {
    for (const [orderId, settleAt] of this.#paying) {
      if (settleAt > now) continue;
      this.#paying.delete(orderId);
      const cloud = this.#idx().cloudById.get(orderId);
      const order = cloud ?? this.#data.streamingOrders.find((o) => o.orderId === orderId);
      if (!order) continue;
      order.paymentStatus = 1;
      if (cloud?.status === 3) cloud.status = 0;
      const billing = this.#idx().billingById.get(order.outOrderNo);
      if (billing) {
        billing.PaymentStatus = 'Paid';
        billing.PaymentTime = formatUtc(settleAt);
      }
      this.changed();
    }
  }

  /** A fresh Living IoT orderId (local timestamp + sequence, like the create document) and BSS OrderId. */
  freshIds(now: number): { orderId: string; outOrderNo: string } {
    const used = this.#idx().usedIds;
    let orderId: string;
    do {
      this.#sequence = (this.#sequence + 1) % 1_000_000;
      orderId = compactPlatformLocal(now) + String(this.#sequence).padStart(6, '0');
    } while (used.has(orderId));
    let outOrderNo: string;
    do {
      outOrderNo =
        '2' +
        String(randomInt(0, 1e12)).padStart(12, '0') +
        String(randomInt(0, 100)).padStart(2, '0');
    } while (used.has(outOrderNo));
    used.add(orderId);
    used.add(outOrderNo);
    return { orderId, outOrderNo };
  }

  #idx(): Index {
    if (this.#index) return this.#index;
    const d = this.#data;
    const cloudByDevice = group(d.cloudStorageOrders, (o) => o.iotId);
    for (const list of cloudByDevice.values()) list.sort(newestFirst);
    const streamingByDevice = group(d.streamingOrders, (o) => o.iotId);
    for (const list of streamingByDevice.values()) list.sort(newestFirst);
    const billingNewestFirst = [...d.billingOrders].sort((a, b) =>
      a.CreateTime !== b.CreateTime
        ? a.CreateTime < b.CreateTime
          ? 1
          : -1
        : a.OrderId < b.OrderId
          ? 1
          : a.OrderId > b.OrderId
            ? -1
            : 0,
    );
    const usedIds = new Set<string>();
    for (const o of d.cloudStorageOrders) usedIds.add(o.orderId).add(o.outOrderNo);
    for (const o of d.streamingOrders) usedIds.add(o.orderId).add(o.outOrderNo);
    for (const o of d.billingOrders) usedIds.add(o.OrderId);
    this.#index = {
      usersByToken: new Map(d.users.map((u) => [u.iotToken, u])),
      devices: new Map(d.devices.map((x) => [x.iotId, x])),
      cloudByDevice,
      cloudById: new Map(d.cloudStorageOrders.map((o) => [o.orderId, o])),
      streamingByDevice,
      commodities: new Map(d.streamingCommodities.map((c) => [c.commodityCode, c])),
      cloudCommodities: new Map(
        d.cloudStorageCommodities.map((c) => [`${c.commodityCode}|${c.specification}`, c]),
      ),
      freePlans: new Map(d.freeCloudStorage.map((f) => [f.iotId, f])),
      billingById: new Map(d.billingOrders.map((o) => [o.OrderId, o])),
      billingNewestFirst,
      generated: d.generatedBillingOrders ? generatedOrders(d.generatedBillingOrders) : null,
      usedIds,
    };
    return this.#index;
  }
}
