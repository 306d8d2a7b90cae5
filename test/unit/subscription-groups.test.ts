/**
 * Which subscription selections may answer differently for two callers of the same kind
 * (server/use-shared-subscription-results.ts): those subscribers execute an event apart.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { KIND_SCOPES } from '../../src/schema/builder.js';
import { dependsOnCaller } from '../../src/server/use-shared-subscription-results.js';

const depends = (query: string, operationName?: string) =>
  dependsOnCaller(schema, parse(query), operationName, KIND_SCOPES);

describe('a subscription selection', () => {
  it('of exposed fields only is the same for every caller of a kind', () => {
    expect(
      depends(
        `subscription { orderUpdated(iotId: "x") { __typename orderId paymentStatus startTime price { amount } } }`,
      ),
    ).toBe(false);
    expect(
      depends(
        `subscription { orderUpdated(iotId: "x") { ... on StreamingOrder { status months } } }`,
      ),
    ).toBe(false);
    expect(
      depends(`subscription { billingOrderUpdated { orderId paymentStatus createTime } }`),
    ).toBe(false);
  });

  it('reaching a field with a resolver of its own or an auth scope is per caller', () => {
    expect(
      depends(`subscription { orderUpdated(iotId: "x") { orderId billingOrder { orderId } } }`),
    ).toBe(true);
    expect(depends(`subscription { orderUpdated(iotId: "x") { device { iotId } } }`)).toBe(true);
    expect(depends(`subscription { orderUpdated(iotId: "x") { id } }`)).toBe(true);
    expect(depends(`subscription { billingOrderUpdated { subOrders { __typename } } }`)).toBe(true);
  });

  it('is read through inline fragments, named fragments and the named operation', () => {
    const doc = `
      subscription Plain { orderUpdated(iotId: "x") { ...Order } }
      subscription WithDevice { orderUpdated(iotId: "x") { ...Order ... on CloudStorageOrder { device { iotId } } } }
      fragment Order on SubscriptionOrder { orderId ...Deeper }
      fragment Deeper on SubscriptionOrder { paymentStatus }`;
    expect(depends(doc, 'Plain')).toBe(false);
    expect(depends(doc, 'WithDevice')).toBe(true);
    expect(
      depends(
        `subscription { orderUpdated(iotId: "x") { ...Billing } } fragment Billing on SubscriptionOrder { billingOrder { orderId } }`,
      ),
    ).toBe(true);
  });
});
