import type { StreamingPlan as Shape } from '../domain/streaming-plan.js';
import { builder } from './builder.js';
import { cost, one } from './field-cost.js';
import { Money } from './money.js';

export const StreamingPlan = builder.objectRef<Shape>('StreamingPlan').implement({
  description: 'A live-stream sharing plan that can be bought (`purchaseStreamingPlan`).',
  fields: (t) => ({
    commodityCode: t.exposeString('commodityCode', {
      description: 'Plan code to pass to `purchaseStreamingPlan`.',
    }),
    commodityName: t.exposeString('commodityName', { description: 'Plan name.' }),
    months: t.exposeInt('months', { description: 'Months of service per copy.' }),
    quota: t.exposeInt('quota', { description: 'Viewers who may watch at the same time.' }),
    price: t.expose('price', { type: Money, description: 'Price of one copy.' }),
  }),
});

builder.queryField('streamingPlans', (t) =>
  t.field({
    type: [StreamingPlan],
    description: 'The streaming plans on sale.',
    extensions: cost({ calls: one }),
    resolve: (_root, _args, ctx) => ctx.streamingPlans(),
  }),
);
