import { describe, expect, it } from 'vitest';
import { changedOrders } from '../../src/billing-index/changes.js';
import { billingOrder } from './domain-samples.js';

describe('changedOrders (what a sweep page changed in the billing index)', () => {
  const t = Date.parse('2026-05-01T12:00:00Z');
  const unpaid = {
    ...billingOrder,
    orderId: '1',
    paymentStatus: 'UNPAID' as const,
    paymentTime: null,
    createTime: new Date(t),
  };
  const paid = { ...unpaid, paymentStatus: 'PAID' as const, paymentTime: new Date(t + 1000) };

  it('is a payment status or time that moved', () => {
    expect(changedOrders([unpaid], [paid], Infinity)).toEqual([paid]);
    expect(changedOrders([paid], [{ ...paid }], Infinity)).toEqual([]);
    const later = { ...paid, paymentTime: new Date(t + 2000) };
    expect(changedOrders([paid], [later], Infinity)).toEqual([later]);
  });

  it('is an unknown order only when created since newSince (not while the index fills)', () => {
    expect(changedOrders([undefined], [unpaid], -Infinity)).toEqual([unpaid]);
    expect(changedOrders([undefined], [unpaid], t + 1)).toEqual([]);
    expect(changedOrders([undefined], [unpaid], Infinity)).toEqual([]);
  });
});
