/**
 * The emulator's binding list, cloud-storage catalogue, purchase check and free plan, called with
 * the gateway's own signed client (src/upstream/ilop/client.ts): every documented rule and
 * rejection (apiVer, ranges, the binding list's iotToken, 2062), with the vendor's shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ILOP_APP_KEY, DEMO_ILOP_APP_SECRET, type IlopConfig } from '../../src/config.js';
import { DEMO_DEVICES, DEMO_EXAMPLE, demoDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import type { IlopApi } from '../../src/upstream/clients.js';
import { createIlopClient } from '../../src/upstream/ilop/client.js';
import { vendorError } from '../vendor-rejection.js';

const NOW = Date.UTC(2025, 0, 15, 8);
const ALICE = 'demo-token-alice';
const CAROL = 'demo-token-carol';

let emu: Emulator;
let alice: IlopApi;
const opened: IlopApi[] = [];
const dataset = demoDataset(Date.UTC(2025, 0, 15));

function client(patch: Partial<IlopConfig> = {}): IlopApi {
  const c = createIlopClient(
    {
      endpoint: emu.url,
      appKey: DEMO_ILOP_APP_KEY,
      appSecret: DEMO_ILOP_APP_SECRET,
      stage: 'RELEASE',
      streamingOrderQueryApiVer: '1.0.0',
      streamingOrderGetApiVer: '1.0.0',
      streamingOrderEnableApiVer: '1.0.0',
      freeCloudStorageConsumeApiVer: '1.0.3',
      bindingListApiVer: '1.0.8',
      bindingPageSize: 50,
      connections: 4,
      timeoutMs: 3500,
      longTimeoutMs: 10_500,
      ...patch,
    },
    { now: () => NOW },
  );
  opened.push(c);
  return c;
}

beforeAll(async () => {
  emu = await createEmulator({ now: () => NOW, dataset });
  alice = client();
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await emu.close();
});

const aliceDevices = dataset.devices.filter(
  (d) => d.adminIdentityId === 'identity-alice' || d.boundIdentityIds.includes('identity-alice'),
);

describe('/uc/listBindingByAccount', () => {
  it("lists the token's user's devices in 1-based pages, with the total", async () => {
    const first = await alice.listBindings({ pageNo: 1, pageSize: 7 }, { iotToken: ALICE });
    expect(first.total).toBe(aliceDevices.length);
    expect(first.offset).toBe(0);
    expect(first.items.map((b) => b.iotId)).toEqual(aliceDevices.slice(0, 7).map((d) => d.iotId));
    const third = await alice.listBindings({ pageNo: 3, pageSize: 7 }, { iotToken: ALICE });
    expect(third.offset).toBe(14);
    expect(third.items.map((b) => b.iotId)).toEqual(aliceDevices.slice(14, 21).map((d) => d.iotId));
  });

  it('a device shared with the user is owned 0 (SHARED); one they administer owned 1', async () => {
    const page = await alice.listBindings({ pageNo: 1, pageSize: 100 }, { iotToken: ALICE });
    const role = (iotId: string) => page.items.find((b) => b.iotId === iotId)?.role;
    expect(role(DEMO_DEVICES.bobManySharedWithAlice)).toBe('SHARED');
    expect(role(DEMO_DEVICES.aliceExample)).toBe('OWNER');
    expect(role(DEMO_DEVICES.noAdmin)).toBeUndefined();
    const carol = await alice.listBindings({ pageNo: 1, pageSize: 100 }, { iotToken: CAROL });
    expect(carol.items.find((b) => b.iotId === DEMO_DEVICES.aliceExample)?.role).toBe('SHARED');
  });

  it('answers the binding fields the dataset holds', async () => {
    const page = await alice.listBindings({ pageNo: 1, pageSize: 3 }, { iotToken: ALICE });
    const device = dataset.devices.find((d) => d.iotId === page.items[0]!.iotId)!;
    expect(page.items[0]).toMatchObject({
      productKey: device.productKey,
      productName: device.productName,
      deviceName: device.deviceName,
      nickName: device.nickName,
      imageUrl: device.productImage,
    });
  });

  const rejection = (pending: Promise<unknown>) => vendorError(pending);

  it('needs an iotToken (401); an unknown or expired one is 2062', async () => {
    const none = await rejection(alice.listBindings({ pageNo: 1, pageSize: 10 }));
    expect(none).toMatchObject({ kind: 'business', code: '401' });
    expect(none.localizedMessage).toMatch(/iotToken/);
    const expired = await rejection(
      alice.listBindings({ pageNo: 1, pageSize: 10 }, { iotToken: 'expired-token' }),
    );
    expect(expired).toMatchObject({ code: '2062', category: 'unauthenticated' });
  });

  it('pageNo starts at 1 and pageSize is 1 to 100 (460, its localizedMsg naming the parameter)', async () => {
    for (const [params, rule] of [
      [{ pageNo: 0, pageSize: 10 }, /pageNo不小于1/],
      [{ pageNo: 1, pageSize: 101 }, /pageSize取值范围为1~100/],
      [{ pageNo: 1, pageSize: 0 }, /pageSize取值范围为1~100/],
    ] as const) {
      const err = await rejection(alice.listBindings(params, { iotToken: ALICE }));
      expect(err.code).toBe('460');
      expect(err.localizedMessage ?? '').toMatch(rule);
    }
  });

  it('a wrong apiVer is 20003 (it is configurable: ILOP_BINDING_LIST_API_VER)', async () => {
    const wrong = client({ bindingListApiVer: '1.0.2' });
    const err = await rejection(
      wrong.listBindings({ pageNo: 1, pageSize: 10 }, { iotToken: ALICE }),
    );
    expect(err.code).toBe('20003');
  });
});

describe('an emulator set to other guesses', () => {
  it('answers the apiVer and page cap it was given', async () => {
    const other = await createEmulator({
      now: () => NOW,
      dataset,
      ilopGuesses: { apiVersions: { '/uc/listBindingByAccount': '2.0.0' }, bindingMaxPageSize: 20 },
    });
    try {
      const c = client({ endpoint: other.url, bindingListApiVer: '2.0.0' });
      expect((await c.listBindings({ pageNo: 1, pageSize: 20 }, { iotToken: ALICE })).total).toBe(
        aliceDevices.length,
      );
      const err = await vendorError(
        c.listBindings({ pageNo: 1, pageSize: 21 }, { iotToken: ALICE }),
      );
      expect(err.localizedMessage ?? '').toMatch(/pageSize取值范围为1~20/);
      const old = client({ endpoint: other.url });
      expect(
        (await vendorError(old.listBindings({ pageNo: 1, pageSize: 5 }, { iotToken: ALICE }))).code,
      ).toBe('20003');
    } finally {
      await other.close();
    }
  });
});

describe('cloud-storage catalogue and check', () => {
  it('commodity/query answers every plan on sale, typed', async () => {
    const plans = await alice.queryCloudStoragePlans();
    expect(plans).toHaveLength(dataset.cloudStorageCommodities.length);
    expect(plans).toContainEqual({
      commodityCode: 'ilopLVCloudResource',
      specification: 'eventResource_7',
      name: expect.any(String),
      recordType: 'EVENT',
      videoRetentionDays: 7,
      months: 1,
      price: { amount: '6', currency: 'CNY' },
    });
  });

  it('commodity/check: the demo device that may not buy event recording, and one that may', async () => {
    const check = (iotId: string, specification: string) =>
      alice.checkCloudStoragePlan(
        { iotId, commodityCode: 'ilopLVCloudResource', specification },
        { iotToken: ALICE },
      );
    expect(await check(DEMO_DEVICES.carolNoOrders, 'eventResource_7')).toEqual({
      available: false,
    });
    expect(await check(DEMO_DEVICES.carolNoOrders, 'fullTimeResource_7')).toEqual({
      available: true,
    });
    expect(await check(DEMO_EXAMPLE.iotId, 'eventResource_7')).toEqual({ available: true });
  });

  it('commodity/check rules: required params, a plan on sale, a known and bound device', async () => {
    const check = (
      p: { iotId: string; commodityCode: string; specification: string },
      token?: string,
    ) => vendorError(alice.checkCloudStoragePlan(p, token ? { iotToken: token } : {}));
    const base = {
      iotId: DEMO_EXAMPLE.iotId,
      commodityCode: 'ilopLVCloudResource',
      specification: 'eventResource_7',
    };
    expect((await check({ ...base, specification: '' })).localizedMessage).toMatch(
      /specification不能为空/,
    );
    expect((await check({ ...base, commodityCode: 'nope' })).localizedMessage).toMatch(/nope/);
    expect((await check({ ...base, iotId: 'unknown' })).localizedMessage).toMatch(
      /设备unknown不存在/,
    );
    expect(
      (await check({ ...base, iotId: DEMO_DEVICES.carolNoOrders }, 'demo-token-dave')).code,
    ).toBe('2065');
    expect((await check(base, 'expired-token')).code).toBe('2062');
  });
});

describe('freecloudstorage/get', () => {
  it('an unclaimed trial, a used one, none at all', async () => {
    const get = (iotId: string) => alice.getFreeCloudStorage({ iotId });
    expect(await get(DEMO_EXAMPLE.iotId)).toMatchObject({
      offered: true,
      claimed: false,
      remainingQuota: 1,
      startsAt: null,
      expired: false,
    });
    const used = await get(DEMO_DEVICES.aliceMany);
    expect(used).toMatchObject({ offered: true, claimed: true, remainingQuota: 0, expired: true });
    expect(used.endsAt!.getTime()).toBeLessThan(NOW);
    expect(await get(DEMO_DEVICES.noAdmin)).toMatchObject({ offered: false, claimed: false });
  });

  it('needs a known iotId (460) and, with a token, a bound device (2065)', async () => {
    expect((await vendorError(alice.getFreeCloudStorage({ iotId: '' }))).localizedMessage).toMatch(
      /iotId不能为空/,
    );
    expect(
      (
        await vendorError(
          alice.getFreeCloudStorage(
            { iotId: DEMO_DEVICES.carolNoOrders },
            { iotToken: 'demo-token-dave' },
          ),
        )
      ).code,
    ).toBe('2065');
  });
});
