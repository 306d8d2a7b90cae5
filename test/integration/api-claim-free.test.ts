/**
 * claimFreeCloudStorage over HTTP against the emulator: a device's free plan claimed once, a used
 * one a typed FreePlanUsedError, validation before any call, and the keyed retry after an unknown
 * outcome claiming once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import type { Harness } from '../harness.js';
import { alice, carol, operation, runExample, sellingHarness } from './selling-support.js';

const CONSUME = '/vision/customer/freecloudstorage/consume';
const device = DEMO_DEVICES.aliceExample; // an unclaimed trial; alice admin, carol shared
const used = DEMO_DEVICES.aliceMany; // its trial is used up

const CLAIM = operation('claim-free-cloud-storage');

const { clock, get } = sellingHarness();
let h: Harness;
beforeAll(() => {
  h = get();
});

describe('claimFreeCloudStorage', () => {
  it('claims the free plan once, starting now; the device read after shows it claimed', async () => {
    const res = await h.gql(CLAIM, { input: { iotId: device, immediateUse: true } }, alice);
    expect(res.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'ClaimFreeCloudStoragePayload',
      freeCloudStorage: {
        available: false,
        claimed: true,
        remainingQuota: 0,
        startsAt: new Date(Math.floor(clock.now() / 1000) * 1000).toISOString(),
      },
      device: { iotId: device, freeCloudStorage: { claimed: true } },
    });
    const again = await h.gql(CLAIM, { input: { iotId: device } }, alice);
    expect(again.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'FreePlanUsedError',
      vendorCode: '6451',
      requestId: expect.any(String),
    });
    expect((await h.calls()).byApi[CONSUME]).toBe(2);
  });

  it('a trial already used is a typed FreePlanUsedError, also on a keyed replay', async () => {
    const input = { iotId: used, idempotencyKey: 'claim-used' };
    for (let i = 0; i < 2; i++) {
      const res = await h.gql(CLAIM, { input }, alice);
      expect(res.body.data.claimFreeCloudStorage).toMatchObject({
        __typename: 'FreePlanUsedError',
        vendorCode: '6451',
      });
    }
    expect((await h.calls()).byApi[CONSUME]).toBe(1);
  });

  it.each([
    [{ quota: 0 }, 'input.quota', 'must be from 1 to 3'],
    [{ quota: 4 }, 'input.quota', 'must be from 1 to 3'],
    [{ preRecordDuration: 6 }, 'input.preRecordDuration', 'must be from 0 to 5 seconds'],
    [{ recordDuration: 31 }, 'input.recordDuration', 'must be from 0 to 30 seconds'],
    [{ iotId: '' }, 'input.iotId', 'must not be empty'],
  ])('refuses %j with a ValidationError and no vendor call', async (bad, field, rule) => {
    const res = await h.gql(CLAIM, { input: { iotId: device, ...bad } }, alice);
    expect(res.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'ValidationError',
      field,
      rule,
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('a quota above what is left is FreePlanUsedError; a shared user gets 2066', async () => {
    const tooMuch = await h.gql(CLAIM, { input: { iotId: device, quota: 2 } }, alice);
    expect(tooMuch.body.data.claimFreeCloudStorage.__typename).toBe('FreePlanUsedError');
    const shared = await h.gql(CLAIM, { input: { iotId: device } }, carol);
    expect(shared.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'ForbiddenError',
      vendorCode: '2066',
    });
    const plan = (await h.state()).freeCloudStorage.find((f) => f.iotId === device)!;
    expect(plan).toMatchObject({ consumed: false, remainQuota: 1 });
  });

  it('past its timeout the outcome is unknown; the keyed retry sees the quota used and claims once', async () => {
    await h.setFaults([{ api: CONSUME, latencyMs: 60_000 }]);
    const input = { iotId: device, idempotencyKey: 'claim-slow' };
    const first = await h.gql(CLAIM, { input }, alice);
    expect(first.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'OutcomeUnknownError',
      idempotencyKey: 'claim-slow',
    });
    const again = await h.gql(CLAIM, { input }, alice);
    expect(again.body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'ClaimFreeCloudStoragePayload',
      freeCloudStorage: { claimed: true },
    });
    expect((await h.calls()).byApi[CONSUME]).toBe(1);
  });

  it('a connection broken before the vendor acted: the keyed retry sees the quota and claims', async () => {
    await h.setFaults([{ api: CONSUME, failureRate: 1, failWith: { drop: true } }]);
    const input = { iotId: device, idempotencyKey: 'claim-dropped' };
    const first = await h.gql(CLAIM, { input }, alice);
    expect(first.body.data.claimFreeCloudStorage.__typename).toBe('OutcomeUnknownError');
    await h.setFaults([]);
    const again = await h.gql(CLAIM, { input }, alice);
    expect(again.body.data.claimFreeCloudStorage.__typename).toBe('ClaimFreeCloudStoragePayload');
    expect((await h.calls()).byApi[CONSUME]).toBe(2);
  });

  it("GraphiQL's ClaimFreeCloudStorage example claims a new device's trial", async () => {
    const body = await runExample(h, 'ClaimFreeCloudStorage', alice, device);
    expect(body.errors).toBeUndefined();
    expect(body.data.claimFreeCloudStorage).toMatchObject({
      __typename: 'ClaimFreeCloudStoragePayload',
      freeCloudStorage: { claimed: true },
    });
    expect((await h.calls()).byApi[CONSUME]).toBe(1);
  });
});
