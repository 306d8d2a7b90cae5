/**
 * Relay windows over a device with 137 cloud-storage orders: every window equals slicing the
 * vendor's full list, pageInfo and totalCount are right, and the vendor calls are the fewest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';
import { listAllCloudStorageOrders } from './vendor-list.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const TOTAL = 137;

const QUERY = /* GraphQL */ `
  query Window($iotId: String!, $first: Int, $after: String, $last: Int, $before: String) {
    device(iotId: $iotId) {
      cloudStorageOrders(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          cursor
          node {
            orderId
          }
        }
      }
    }
  }
`;

/** The fewest pages of size ≤ 50 covering [start, end): the definition of "minimum". */
function fewestPages(start: number, end: number): number {
  if (end <= start) return 1;
  let best = Infinity;
  for (let s = 1; s <= 50; s++)
    best = Math.min(best, Math.floor((end - 1) / s) - Math.floor(start / s) + 1);
  return best;
}

let h: Harness;
let iotId: string;
let vendorList: string[];
const cursorAt = new Map<number, string>();

beforeAll(async () => {
  const dataset = generateDataset({
    seed: 7,
    now: Date.parse('2026-06-01T00:00:00Z'),
    devices: 1,
    ordersPerDevice: TOTAL,
  });
  iotId = dataset.devices[0]!.iotId;
  h = await startHarness({ dataset });
  vendorList = await listAllCloudStorageOrders(h.emulatorUrl, iotId);
  expect(vendorList).toHaveLength(TOTAL);
  // Collect every cursor by walking forward.
  let after: string | null = null;
  for (let offset = 0; offset < TOTAL;) {
    const res: any = await h.gql(QUERY, { iotId, first: 100, after });
    const conn = res.body.data.device.cloudStorageOrders;
    for (const edge of conn.edges) cursorAt.set(offset++, edge.cursor);
    after = conn.pageInfo.endCursor;
  }
});
afterAll(() => h?.close());

type Case = {
  name: string;
  args: { first?: number; afterOffset?: number; last?: number; beforeOffset?: number };
  start: number;
  end: number;
  calls: number;
};

const cases: Case[] = [
  { name: 'first 10', args: { first: 10 }, start: 0, end: 10, calls: 1 },
  { name: 'first 50 (one full vendor page)', args: { first: 50 }, start: 0, end: 50, calls: 1 },
  {
    name: 'first 51 (crosses a vendor page)',
    args: { first: 51 },
    start: 0,
    end: 51,
    calls: fewestPages(0, 51),
  },
  {
    name: 'first 10 after 44 (inside one odd-sized page)',
    args: { first: 10, afterOffset: 44 },
    start: 45,
    end: 55,
    calls: fewestPages(45, 55),
  },
  {
    name: 'first 100 after 36',
    args: { first: 100, afterOffset: 36 },
    start: 37,
    end: 137,
    calls: fewestPages(37, 137),
  },
  { name: 'first 0', args: { first: 0 }, start: 0, end: 0, calls: 1 },
  {
    name: 'first 10 after 130 (runs off the end)',
    args: { first: 10, afterOffset: 130 },
    start: 131,
    end: 137,
    calls: fewestPages(131, 141),
  },
  {
    name: 'first 10 after the last edge',
    args: { first: 10, afterOffset: 136 },
    start: 137,
    end: 137,
    calls: 1,
  },
  {
    name: 'last 10 (no before: the total first)',
    args: { last: 10 },
    start: 127,
    end: 137,
    calls: 2,
  },
  {
    name: 'last 5 (no before), inside page 0? no: at the end',
    args: { last: 5 },
    start: 132,
    end: 137,
    calls: 2,
  },
  { name: 'last 5 before 20', args: { last: 5, beforeOffset: 20 }, start: 15, end: 20, calls: 1 },
  {
    name: 'last 60 before 100',
    args: { last: 60, beforeOffset: 100 },
    start: 40,
    end: 100,
    calls: fewestPages(40, 100),
  },
  {
    name: 'last 10 before 5 (hits the start)',
    args: { last: 10, beforeOffset: 5 },
    start: 0,
    end: 5,
    calls: 1,
  },
  { name: 'last 0 before 50', args: { last: 0, beforeOffset: 50 }, start: 50, end: 50, calls: 1 },
  {
    name: 'first 20 after 10 before 20',
    args: { first: 20, afterOffset: 10, beforeOffset: 20 },
    start: 11,
    end: 20,
    calls: 1,
  },
];

describe('cloudStorageOrders windows', () => {
  it.each(cases)('$name', async ({ args, start, end, calls }) => {
    await h.resetCalls();
    const res = await h.gql(QUERY, {
      iotId,
      first: args.first,
      last: args.last,
      after: args.afterOffset === undefined ? undefined : cursorAt.get(args.afterOffset),
      before: args.beforeOffset === undefined ? undefined : cursorAt.get(args.beforeOffset),
    });
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data.device.cloudStorageOrders;
    expect(conn.edges.map((e: any) => e.node.orderId)).toEqual(vendorList.slice(start, end));
    expect(conn.edges.map((e: any) => e.cursor)).toEqual(
      Array.from({ length: end - start }, (_, i) => cursorAt.get(start + i)),
    );
    expect(conn.totalCount).toBe(TOTAL);
    expect(conn.pageInfo).toEqual({
      hasPreviousPage: start > 0,
      hasNextPage: end < TOTAL,
      startCursor: end > start ? cursorAt.get(start) : null,
      endCursor: end > start ? cursorAt.get(end - 1) : null,
    });
    expect((await h.calls()).byApi[ORDER_QUERY]).toBe(calls);
  });

  it.each([
    [{ first: 101 }, 'first: must be at most 100'],
    [{ last: 101 }, 'last: must be at most 100'],
    [{ first: -1 }, 'first: must not be negative'],
    [{ first: 5, after: 'garbage!' }, 'after: is not a valid cursor'],
  ])('refuses %j before any vendor call', async (args, message) => {
    await h.resetCalls();
    const res = await h.gql(QUERY, { iotId, ...args });
    expect(res.body.errors?.[0]).toMatchObject({
      message,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await h.calls()).total).toBe(0);
  });

  it('refuses a cursor from another connection', async () => {
    const res = await h.gql(
      `query($iotId: String!, $after: String) { device(iotId: $iotId) { streamingOrders(first: 2, after: $after) { totalCount } } }`,
      { iotId, after: cursorAt.get(3) },
    );
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'after: is a cursor from another connection',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('filters locally over the whole list, with cursors of the filtered list', async () => {
    const filter = { status: ['EXPIRED'] };
    const FILTERED = `query($iotId: String!, $filter: CloudStorageOrderFilter, $first: Int!, $after: String) { device(iotId: $iotId) { cloudStorageOrders(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { orderId status } } pageInfo { hasNextPage endCursor } } } }`;
    const res = await h.gql(FILTERED, { iotId, filter, first: 100 });
    const conn = res.body.data.device.cloudStorageOrders;
    // A cursor is a position in the filtered list: after the k-th, the filtered list goes on
    // with its (k+1)-th, whichever orders the unfiltered list holds between them.
    const ids = conn.edges.map((e: any) => e.node.orderId);
    for (const k of [0, 3, 10]) {
      const next = await h.gql(FILTERED, { iotId, filter, first: 2, after: conn.edges[k].cursor });
      const page = next.body.data.device.cloudStorageOrders;
      expect(page.edges.map((e: any) => e.node.orderId)).toEqual(ids.slice(k + 1, k + 3));
      expect(page.edges.map((e: any) => e.cursor)).toEqual(
        conn.edges.slice(k + 1, k + 3).map((e: any) => e.cursor),
      );
      expect(page.pageInfo.hasNextPage).toBe(k + 3 < conn.totalCount);
    }
    expect(conn.edges.length).toBe(Math.min(conn.totalCount, 100));
    expect(conn.edges.every((e: any) => e.node.status === 'EXPIRED')).toBe(true);
    const expected = (await h.state()).cloudStorageOrders.filter(
      (o) => o.iotId === iotId && o.status === 1,
    );
    expect(conn.totalCount).toBe(expected.length);
    expect(conn.totalCount).toBeLessThan(TOTAL);
  });
});
