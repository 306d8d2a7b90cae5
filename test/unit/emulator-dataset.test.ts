import { describe, expect, it } from 'vitest';
import {
  DEMO_DEVICES,
  DEMO_EXAMPLE,
  DEMO_USERS,
  demoDataset,
  generateDataset,
} from '../../src/emulator/dataset.js';
import { validateDataset } from '../../src/emulator/dataset-validation.js';
import { addCalendarMonths, formatPlatformLocal, formatUtc } from '../../src/emulator/clock.js';

const NOW = Date.UTC(2025, 0, 15);

describe('the demo sales screens', () => {
  const d = demoDataset(NOW);
  const free = (iotId: string) => d.freeCloudStorage.find((f) => f.iotId === iotId);

  it('a device with an unclaimed trial, one whose trial is used, one with none', () => {
    expect(free(DEMO_EXAMPLE.iotId)).toMatchObject({ consumed: false, remainQuota: 1 });
    expect(free(DEMO_DEVICES.aliceMany)).toMatchObject({ consumed: true, expired: true });
    expect(free(DEMO_DEVICES.aliceMany)!.endTimeUTC! < formatUtc(NOW)).toBe(true);
    expect(free(DEMO_DEVICES.noAdmin)).toBeUndefined();
    // Some trial is running now.
    expect(
      d.freeCloudStorage.some((f) => f.consumed && !f.expired && f.endTimeUTC! > formatUtc(NOW)),
    ).toBe(true);
  });

  it('one device may not buy event recording; plans of both kinds are on sale', () => {
    const carol = d.devices.find((x) => x.iotId === DEMO_DEVICES.carolNoOrders)!;
    const event = d.cloudStorageCommodities.filter((c) => c.recordType === 2);
    expect(event.length).toBeGreaterThan(0);
    for (const c of event) expect(carol.unavailableSpecifications).toContain(c.specification);
    expect(d.cloudStorageCommodities.some((c) => c.recordType === 1)).toBe(true);
    expect(d.devices.filter((x) => x.unavailableSpecifications)).toHaveLength(1);
  });

  it('binding fields cover every status, named and unnamed devices', () => {
    expect(new Set(d.devices.map((x) => x.status))).toEqual(new Set([0, 1, 3, 8]));
    expect(d.devices.some((x) => x.nickName === null)).toBe(true);
    expect(d.devices.some((x) => typeof x.nickName === 'string')).toBe(true);
  });
});

describe('generateDataset', () => {
  it('is deterministic for a seed and a day, and valid', () => {
    const a = generateDataset({ seed: 7, now: NOW });
    expect(generateDataset({ seed: 7, now: NOW })).toEqual(a);
    expect(generateDataset({ seed: 8, now: NOW })).not.toEqual(a);
    expect(validateDataset(a).ok).toBe(true);
  });

  it('makes benchmark datasets of an exact size', () => {
    const d = generateDataset({ seed: 1, now: NOW, devices: 50, ordersPerDevice: 12 });
    expect(d.devices).toHaveLength(50);
    expect(d.cloudStorageOrders.filter((o) => o.iotId !== null)).toHaveLength(600);
    expect(validateDataset(d).ok).toBe(true);
  });

  it('the demo dataset covers what a frontend needs', () => {
    const d = demoDataset(NOW);
    expect(d.users.map((u) => u.iotToken)).toEqual(DEMO_USERS.map((u) => u.iotToken));
    expect(d.devices).toHaveLength(60);
    expect(d.cloudStorageOrders.length).toBeGreaterThanOrEqual(300);
    const values = (f: (o: (typeof d.cloudStorageOrders)[number]) => number) =>
      new Set(d.cloudStorageOrders.map(f));
    expect(values((o) => o.status)).toEqual(new Set([0, 1, 2, 3]));
    expect(values((o) => o.paymentStatus)).toEqual(new Set([0, 1, 2]));
    expect(values((o) => o.recordType)).toEqual(new Set([1, 2]));
    expect(values((o) => o.orderType)).toEqual(new Set([0, 1]));
    const count = (iotId: string) => d.cloudStorageOrders.filter((o) => o.iotId === iotId).length;
    expect(count(DEMO_DEVICES.aliceMany)).toBeGreaterThan(100);
    expect(count(DEMO_DEVICES.bobManySharedWithAlice)).toBeGreaterThan(100);
    expect(count(DEMO_DEVICES.carolNoOrders)).toBe(0);
    expect(count(DEMO_EXAMPLE.iotId)).toBeGreaterThan(3);
    expect(d.devices.find((x) => x.iotId === DEMO_DEVICES.noAdmin)?.adminIdentityId).toBeNull();
    expect(d.devices.find((x) => x.iotId === DEMO_EXAMPLE.iotId)?.adminIdentityId).toBe(
      'identity-alice',
    );
    expect(d.cloudStorageOrders.some((o) => o.iotId === null)).toBe(true);
    expect(d.streamingCommodities.map((c) => c.commodityCode)).toContain('streamingResource_20_10');
    expect(d.streamingOrders.length).toBeGreaterThan(0);
    const billing = new Set(d.billingOrders.map((b) => b.OrderId));
    for (const o of [...d.cloudStorageOrders, ...d.streamingOrders])
      expect(billing.has(o.outOrderNo)).toBe(true);
    // An active plan of the example device spans "now".
    const now = formatUtc(NOW);
    const current = d.cloudStorageOrders.filter(
      (o) =>
        o.iotId === DEMO_EXAMPLE.iotId &&
        o.status === 0 &&
        o.startTimeUTC <= now &&
        o.endTimeUTC > now,
    );
    expect(current).toHaveLength(1);
  });
});

describe('the demo account as BSS lists it', () => {
  const d = demoDataset(NOW);
  const billing = new Map(d.billingOrders.map((b) => [b.OrderId, b]));
  const paidFor = [...d.cloudStorageOrders, ...d.streamingOrders];

  it('each billing order was created a few seconds before the Living IoT order it pays for', () => {
    // A Living IoT orderId starts with its creation time, yyyyMMddHHmmss in platform time (UTC+8).
    const madeAt = (orderId: string) => {
      const [, y, mo, day, h, mi, sec] = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/.exec(orderId)!;
      return Date.UTC(+y!, +mo! - 1, +day!, +h! - 8, +mi!, +sec!);
    };
    for (const order of paidFor) {
      const lead = madeAt(order.orderId) - Date.parse(billing.get(order.outOrderNo)!.CreateTime);
      expect(lead, order.orderId).toBeGreaterThanOrEqual(2_000);
      expect(lead, order.orderId).toBeLessThanOrEqual(9_000);
    }
  });

  it("holds other products' orders, paying for no device order, among the Living IoT ones", () => {
    const behindOrders = new Set(paidFor.map((o) => o.outOrderNo));
    const others = d.billingOrders.filter((b) => b.ProductCode !== 'linkvisual');
    expect(others.every((b) => !behindOrders.has(b.OrderId))).toBe(true);
    const products = new Set(others.map((b) => `${b.ProductCode}/${b.ProductType}`));
    expect(products.size).toBeGreaterThanOrEqual(4);
    expect(new Set(others.map((b) => b.SubscriptionType))).toEqual(
      new Set(['Subscription', 'PayAsYouGo']),
    );
    // Spread over the months the device orders span, not bunched at one end.
    const lastWeek = formatUtc(NOW - 7 * 86_400_000);
    const lastQuarter = formatUtc(NOW - 90 * 86_400_000);
    expect(others.filter((b) => b.CreateTime >= lastWeek).length).toBeGreaterThan(3);
    expect(others.filter((b) => b.CreateTime < lastQuarter).length).toBeGreaterThan(10);
  });
});

describe('dataset validation', () => {
  it('reports every problem with its path', () => {
    const d = demoDataset(NOW) as any;
    d.devices[0].iotId = 5;
    d.cloudStorageOrders[1].status = 9;
    d.users.push({ identityId: 'x' });
    const verdict = validateDataset(d);
    expect(verdict.ok).toBe(false);
    const paths = verdict.ok ? [] : verdict.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'devices[0].iotId',
        'cloudStorageOrders[1].status',
        'users[4].iotToken',
      ]),
    );
  });

  it('checks references between records', () => {
    const d = demoDataset(NOW);
    d.devices[0]!.adminIdentityId = 'nobody';
    d.streamingOrders[0]!.iotId = 'no-such-device';
    const verdict = validateDataset(d);
    expect(verdict.ok ? [] : verdict.errors.map((e) => e.path)).toEqual([
      'devices[0].adminIdentityId',
      'streamingOrders[0].iotId',
    ]);
  });
});

describe('platform time (UTC+8)', () => {
  it('formats local time and adds calendar months', () => {
    const t = Date.UTC(2020, 7, 25, 2, 0, 0);
    expect(formatPlatformLocal(t)).toBe('2020-08-25 10:00:00');
    expect(formatUtc(t)).toBe('2020-08-25T02:00:00Z');
    expect(formatUtc(addCalendarMonths(Date.UTC(2021, 0, 30, 16), 1))).toBe('2021-02-27T16:00:00Z');
  });
});
