import { parse } from 'graphql';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config.js';
import { estimateFanOut } from '../../src/server/limits/fan-out-cost.js';
import { schema } from '../../src/schema/index.js';

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  estimateFanOut(schema, parse(query), undefined, variables);
const MAX_COST = VARIABLES.GATEWAY_MAX_COST.default;
if (typeof MAX_COST !== 'number') throw new Error('GATEWAY_MAX_COST: a number default expected');
const ids = (n: number) => Array.from({ length: n }, (_, i) => `device-${i}`);

describe('estimateFanOut', () => {
  it('counts vendor calls: devices × fields, times connection windows for nested calls', () => {
    expect(cost(`{ device(iotId: "a") { iotId } }`)).toBe(0);
    expect(cost(`{ device(iotId: "a") { cloudStorage { orderCount } } }`)).toBe(1);
    expect(
      cost(
        `query($ids: [String!]!) { devices(iotIds: $ids) { cloudStorage { orderCount } cloudStorageOrders(first: 10) { edges { node { billingOrder { orderId } } } } } }`,
        { ids: ids(50) },
      ),
    ).toBe(50 * (1 + 1 + 10));
  });

  it('prices subOrders as one GetOrderDetail per order that selects them', () => {
    expect(cost(`{ billingOrders(first: 20) { edges { node { orderId } } } }`)).toBe(1);
    expect(
      cost(`{ billingOrders(first: 20) { edges { node { subOrders { subOrderId } } } } }`),
    ).toBe(1 + 20);
  });

  it('follows fragments and inline fragments', () => {
    const q = `query($ids: [String!]!) { devices(iotIds: $ids) { ...D } }
      fragment D on Device { cloudStorageOrders(last: 5) { edges { node { ... on CloudStorageOrder { billingOrder { orderId } } } } } }`;
    expect(cost(q, { ids: ids(3) })).toBe(3 * (1 + 5));
  });

  it('prices the fan-out query of the issue far above the default limit', () => {
    const q = `query($ids: [String!]!) { devices(iotIds: $ids) { cloudStorageOrders(first: 100) { edges { node { billingOrder { orderId } } } } } }`;
    expect(cost(q, { ids: ids(100) })).toBe(100 * (2 + 100));
    expect(cost(q, { ids: ids(100) })).toBeGreaterThan(5 * MAX_COST);
  });

  it('lets every operation a frontend uses pass the default limit with realistic variables', () => {
    const dir = 'schema/operations';
    for (const file of readdirSync(dir)) {
      const doc = parse(readFileSync(`${dir}/${file}`, 'utf8'));
      const c = estimateFanOut(schema, doc, undefined, {
        iotIds: ids(100),
        iotId: 'a',
        first: 100,
        orders: 10,
        id: 'x',
        input: {},
      });
      expect(c, file).toBeLessThanOrEqual(MAX_COST);
    }
  });
});
