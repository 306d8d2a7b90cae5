import type { Money as MoneyShape } from '../domain/money.js';
import { builder } from './builder.js';

export const Money = builder.objectRef<MoneyShape>('Money').implement({
  description: 'An amount of money: a decimal string (never a float) and its currency.',
  fields: (t) => ({
    amount: t.exposeString('amount', {
      description: 'Decimal amount exactly as the vendor states it, e.g. "140" or "1.0".',
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, e.g. CNY.' }),
  }),
});
