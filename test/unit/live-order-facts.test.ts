import { describe, expect, it } from 'vitest';
import { orderFacts } from '../../src/live/events.js';
import { cloudStorageOrder, streamingOrder } from './domain-samples.js';

describe('orderFacts (what a subscriber keeps of an order it has seen)', () => {
  it('is worked out once per order object, so every subscriber keeps the same strings', () => {
    expect(orderFacts(streamingOrder)).toBe(orderFacts(streamingOrder));
    expect(orderFacts(streamingOrder).key).toBe(`streaming:${streamingOrder.orderId}`);
  });

  it('tells a changed state and a later payment step from the same order read again', () => {
    const unpaid = { ...streamingOrder, paymentStatus: 'UNPAID' as const };
    const paid = { ...unpaid, paymentStatus: 'PAID' as const };
    expect(orderFacts({ ...unpaid }).state).toBe(orderFacts(unpaid).state);
    expect(orderFacts(paid).state).not.toBe(orderFacts(unpaid).state);
    expect(orderFacts(paid).step).toBeGreaterThan(orderFacts(unpaid).step);
    expect(orderFacts(cloudStorageOrder).key).toBe(`cloudStorage:${cloudStorageOrder.orderId}`);
  });
});
