import { describe, expect, it } from 'vitest';
import {
  comboFields,
  comboOf,
  decodeRow,
  dictionaryCodes,
  dictionaryStrings,
  encodeRow,
  type Dictionary,
} from '../../src/billing-index/packed-row.js';
import type { BillingOrder } from '../../src/domain/billing-order.js';
import { billingOrder } from './domain-samples.js';

/** A dictionary in memory, interning as it goes (Redis's does the same, shared). */
function memoryDictionary(): Dictionary & { size: () => number } {
  const codes = new Map<string, number>();
  const values = new Map<number, string>();
  return {
    code(v) {
      if (!codes.has(v)) {
        codes.set(v, codes.size + 1);
        values.set(codes.size, v);
      }
      return codes.get(v)!;
    },
    value: (c) => values.get(c)!,
    size: () => codes.size,
  };
}

const listed: BillingOrder = { ...billingOrder, subOrders: [] };
const cny = (amount: string) => ({ amount, currency: 'CNY' });

describe('the Redis index row (packed-row.ts)', () => {
  const cases: [string, BillingOrder][] = [
    ['a paid order', { ...listed, orderId: '211234567890123', relatedOrderId: null }],
    [
      'a refund: no status, negative amounts, a related order',
      {
        ...listed,
        orderId: '211234567890124',
        relatedOrderId: '211234567890123',
        paymentStatus: null,
        orderType: 'REFUND',
        pretaxAmount: cny('-123.45'),
        pretaxGrossAmount: cny('-123.45'),
        pretaxAmountLocal: cny('-123.45'),
        afterTaxAmount: cny('-123.45'),
        tax: cny('0.00'),
      },
    ],
    [
      'every field null but the id',
      {
        ...listed,
        relatedOrderId: null,
        productCode: null,
        productType: null,
        commodityCode: null,
        subscriptionType: null,
        orderType: null,
        paymentStatus: null,
        createTime: null,
        paymentTime: null,
        currency: null,
        paymentCurrency: null,
        pretaxAmount: null,
        pretaxGrossAmount: null,
        pretaxAmountLocal: null,
        afterTaxAmount: null,
        tax: null,
      },
    ],
    [
      'strings outside the packed alphabet, odd lengths, milliseconds',
      {
        ...listed,
        relatedOrderId: 'bss-0/ünïcode',
        pretaxAmount: { amount: '1e3', currency: 'USD' },
        pretaxGrossAmount: { amount: '12345.678', currency: 'USD' },
        pretaxAmountLocal: { amount: '7', currency: 'USD' },
        afterTaxAmount: { amount: '1e3', currency: 'USD' },
        tax: { amount: '', currency: 'USD' },
        currency: 'USD',
        createTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 123)),
      },
    ],
  ];

  for (const [name, order] of cases) {
    it(`reads back ${name} as it was written`, () => {
      const dict = memoryDictionary();
      const row = encodeRow(order, dict);
      expect(decodeRow(order.orderId, row, dict)).toEqual(order);
      // The dictionary holds the row's few-valued strings, and the row names exactly those.
      expect(dictionaryCodes(row).map(dict.value).sort()).toEqual(dictionaryStrings(order).sort());
      // The combo carries the filter fields.
      const fields = comboFields(comboOf(row), dict);
      for (const f of [
        'paymentStatus',
        'orderType',
        'subscriptionType',
        'productCode',
        'productType',
      ] as const)
        expect(fields[f], f).toEqual(order[f]);
    });
  }

  it('fits a typical order in well under a listpack value (64 bytes)', () => {
    const dict = memoryDictionary();
    const row = encodeRow(
      {
        ...listed,
        orderId: '211234567890123',
        relatedOrderId: '211234567890122',
        productCode: 'linkvisual',
        productType: 'linkvisual_cloudstorage',
        commodityCode: 'linkvisual_cloudstorage_pre',
        pretaxAmount: cny('-29999.99'),
        pretaxGrossAmount: cny('-29999.99'),
        pretaxAmountLocal: cny('-29999.99'),
        afterTaxAmount: cny('-29999.99'),
        tax: cny('0.00'),
      },
      dict,
    );
    expect(row.length).toBeLessThanOrEqual(48);
    // An equal amount is a one-byte reference, not written again.
    const distinct = encodeRow({ ...listed, tax: cny('0.01'), afterTaxAmount: cny('9.99') }, dict);
    expect(distinct.length).toBeGreaterThan(encodeRow(listed, dict).length);
  });
});
