/**
 * Every field that may call a vendor declares its cost on itself, so the fan-out estimate cannot
 * miss it: fields on Query and Mutation, connections, and fields returning vendor data (which is
 * where a resolver reads it). A field that calls nothing says so with `NO_CALLS`.
 */
import { getNamedType, isInterfaceType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { costOf } from '../../src/schema/field-cost.js';
import { estimateFanOut } from '../../src/server/limits/fan-out-cost.js';

/** Types whose values come from vendor reads. */
const VENDOR_DATA = [
  'CloudStorageOrder',
  'StreamingOrder',
  'BillingOrder',
  'StreamingPlan',
  'CloudStorageSummary',
  'StreamingSummary',
];

describe('field costs', () => {
  it('names only types the schema has', () => {
    for (const name of VENDOR_DATA) expect(schema.getType(name), name).toBeDefined();
  });

  it('are declared on every field that may call a vendor', () => {
    const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
    const missing: string[] = [];
    let declared = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const returns = getNamedType(field.type).name;
        const mayCall =
          roots.has(type.name) || returns.endsWith('Connection') || VENDOR_DATA.includes(returns);
        if (!mayCall) continue;
        if (costOf(field)) declared++;
        else missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(declared).toBeGreaterThan(20);
  });

  it('charges a field selected through an interface as on its object type', () => {
    const viaObject = `{ device(iotId: "a") { cloudStorageOrders(first: 10) { edges { node { billingOrder { orderId } } } } } }`;
    const viaInterface = `{ device(iotId: "a") { cloudStorageOrders(first: 10) { edges { node { ... on SubscriptionOrder { billingOrder { orderId } } } } } } }`;
    const cost = (q: string) => estimateFanOut(schema, parse(q), undefined, {});
    expect(cost(viaInterface)).toBe(cost(viaObject));
    expect(cost(viaObject)).toBe(1 + 10);
  });
});
