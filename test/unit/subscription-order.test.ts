/** The SubscriptionOrder interface tells its two kinds apart by the orders' `kind`. */
import { isAbstractType, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { cloudStorageOrder, streamingOrder } from './domain-samples.js';

describe('SubscriptionOrder', () => {
  const type = schema.getType('SubscriptionOrder');
  const resolve = (o: object) =>
    isAbstractType(type) ? type.resolveType?.(o, {}, {} as GraphQLResolveInfo, type) : undefined;

  it('resolves each kind of order to its own type, whatever fields it has', () => {
    expect(resolve(cloudStorageOrder)).toBe('CloudStorageOrder');
    const { recordType: _, ...withoutRecordType } = cloudStorageOrder;
    expect(resolve(withoutRecordType)).toBe('CloudStorageOrder');
    expect(resolve(streamingOrder)).toBe('StreamingOrder');
    expect(resolve({ ...streamingOrder, recordType: 'EVENT' })).toBe('StreamingOrder');
  });
});
