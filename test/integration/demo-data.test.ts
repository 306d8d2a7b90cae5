/**
 * What the demo shows is what it holds: the README's Quick start table and the banners are derived
 * from the demo dataset, and the billing list's default window finds the demo's billing orders.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../src/config.js';
import { describeDemo } from '../../src/emulator/banner.js';
import { demoDataset } from '../../src/emulator/dataset.js';
import { demoHoldings, unboundOrder, type DeviceList } from '../../src/emulator/demo-holdings.js';
import { startHarness, type Harness } from '../harness.js';

const dataset = demoDataset();

describe('the demo as documented', () => {
  it("README's Quick start table lists each demo user's token and devices", () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('| `demo-token-'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const cell = (list: DeviceList) =>
      [list.iotIds.map((id) => `\`${id}\``).join(', '), list.more > 0 ? `+ ${list.more} more` : '']
        .filter(Boolean)
        .join(' ') || '–';
    expect(rows).toEqual(
      demoHoldings(dataset).map((h) => [`\`${h.iotToken}\``, cell(h.administers), cell(h.shared)]),
    );
    expect(readme).toContain(`the admin key is \`${DEMO_ADMIN_KEY}\``);
  });

  it('the banner names every user, the devices they hold and an unbound paid order', () => {
    const holdings = demoHoldings(dataset);
    expect(holdings.map((h) => h.iotToken)).toEqual(dataset.users.map((u) => u.iotToken));
    const text = describeDemo(dataset).join('\n');
    for (const h of holdings) {
      expect(text).toContain(h.iotToken);
      const device = (iotId: string) => dataset.devices.find((d) => d.iotId === iotId)!;
      for (const iotId of h.administers.iotIds) {
        expect(text).toContain(iotId);
        expect(device(iotId).adminIdentityId).toBe(`identity-${h.userName}`);
      }
      for (const iotId of h.shared.iotIds) {
        expect(text).toContain(iotId);
        expect(device(iotId).boundIdentityIds).toContain(`identity-${h.userName}`);
      }
      const administered = dataset.devices.filter(
        (d) => d.adminIdentityId === `identity-${h.userName}`,
      ).length;
      expect(h.administers.iotIds.length + h.administers.more).toBe(administered);
    }
    const order = unboundOrder(dataset)!;
    expect(order).toMatchObject({ iotId: null, paymentStatus: 1 });
    expect(text).toContain(order.orderId);
  });
});

describe('billing-list with its default variables', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // the demo dataset
  });
  afterAll(() => h.close());

  it("returns the demo's billing orders, newest first", async () => {
    const query = readFileSync('schema/operations/billing-list.graphql', 'utf8');
    const res = await h.gql(query);
    expect(res.body.errors).toBeUndefined();
    const state = await h.state();
    const newestFirst = [...state.billingOrders].sort(
      (a, b) => b.CreateTime.localeCompare(a.CreateTime) || b.OrderId.localeCompare(a.OrderId),
    );
    const list = res.body.data.billingOrders;
    // Every demo order was made before now, so the default window holds them all.
    expect(list.totalCount).toBe(state.billingOrders.length);
    expect(list.edges.map((e: any) => e.node.orderId)).toEqual(
      newestFirst.slice(0, 20).map((o) => o.OrderId),
    );
    expect(list.pageInfo.hasNextPage).toBe(true);
  });
});
