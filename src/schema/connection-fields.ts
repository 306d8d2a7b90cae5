import { builder } from './builder.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Items in the whole list (the vendor total), not only in this window.',
    resolve: (c) => c.totalCount,
  }),
);
