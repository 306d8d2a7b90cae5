/**
 * The cloud-storage catalogue (commodity/query, one for every caller) and whether a device may
 * buy one of its plans (commodity/check). A plan is named by `commodityCode` and `specification`;
 * codes not in the catalogue are refused before any call to the check.
 */
import type {
  CloudStoragePlan as Shape,
  CloudStoragePlanAvailability as AvailabilityShape,
} from '../domain/cloud-storage-plan.js';
import type { Context } from '../server/context.js';
import { badInput } from '../server/client-errors.js';
import { builder } from './builder.js';
import { Device } from './device-ref.js';
import { cost, one } from './field-cost.js';
import { Money } from './money.js';
import { RecordType } from './order-enums.js';

export const CloudStoragePlan = builder.objectRef<Shape>('CloudStoragePlan').implement({
  description: 'A cloud-storage plan on sale: bought by its `commodityCode` and `specification`.',
  fields: (t) => ({
    commodityCode: t.exposeString('commodityCode', { description: 'Plan code.' }),
    specification: t.exposeString('specification', {
      description: 'Plan specification, e.g. `eventResource_7`.',
    }),
    name: t.exposeString('name', { description: 'Plan name (`commodityName`).' }),
    recordType: t.expose('recordType', {
      type: RecordType,
      description: 'Continuous or event recording.',
    }),
    videoRetentionDays: t.exposeInt('videoRetentionDays', {
      description: 'Days of video kept (`lifecycle`).',
    }),
    months: t.exposeInt('months', { description: 'Months of service per copy.' }),
    price: t.expose('price', { type: Money, description: 'Price of one copy.' }),
  }),
});

const CloudStoragePlanFilter = builder.inputType('CloudStoragePlanFilter', {
  description: 'Keep plans matching every given field.',
  fields: (t) => ({
    recordType: t.field({ type: [RecordType], description: 'Any of these recording types.' }),
  }),
});

const CloudStoragePlanAvailability = builder
  .objectRef<AvailabilityShape>('CloudStoragePlanAvailability')
  .implement({
    description: 'Whether a device may buy a plan (commodity/check).',
    fields: (t) => ({
      available: t.exposeBoolean('available', {
        description: 'True when the device may buy the plan now.',
      }),
      reason: t.string({
        nullable: true,
        description:
          'Why not, when known. The vendor answers only yes or no, so this is null today.',
        resolve: () => null,
      }),
    }),
  });

/** The catalogue's plan for a code and specification, or BAD_USER_INPUT naming the wrong one. */
export async function planOnSale(
  ctx: Context,
  commodityCode: string,
  specification: string,
): Promise<Shape> {
  const plans = await ctx.cloudStoragePlans();
  const withCode = plans.filter((p) => p.commodityCode === commodityCode);
  if (withCode.length === 0) {
    throw badInput('commodityCode', 'must be the commodityCode of a plan in cloudStoragePlans');
  }
  const plan = withCode.find((p) => p.specification === specification);
  if (!plan) {
    throw badInput(
      'specification',
      `must be a specification of ${commodityCode} in cloudStoragePlans (${withCode.map((p) => p.specification).join(', ')})`,
    );
  }
  return plan;
}

builder.queryField('cloudStoragePlans', (t) =>
  t.field({
    type: [CloudStoragePlan],
    description:
      'The cloud-storage plans on sale. The same for every caller; kept for a few minutes.',
    extensions: cost({ calls: one }),
    args: {
      filter: t.arg({ type: CloudStoragePlanFilter, description: 'Keep only matching plans.' }),
    },
    resolve: async (_root, { filter }, ctx) => {
      const recordTypes = filter?.recordType ?? null;
      if (recordTypes?.length === 0) {
        throw badInput('filter.recordType', 'must list at least one value');
      }
      const plans = await ctx.cloudStoragePlans();
      return recordTypes === null ? plans : plans.filter((p) => recordTypes.includes(p.recordType));
    },
  }),
);

builder.objectField(Device, 'cloudStoragePlanAvailability', (t) =>
  t.field({
    type: CloudStoragePlanAvailability,
    description:
      'Whether this device may buy a cloud-storage plan. An unknown `commodityCode` or `specification` is BAD_USER_INPUT, before any check.',
    extensions: cost({ calls: one }),
    args: {
      commodityCode: t.arg.string({
        required: true,
        description: 'A plan code from `cloudStoragePlans`.',
      }),
      specification: t.arg.string({ required: true, description: "That plan's specification." }),
    },
    resolve: async (d, { commodityCode, specification }, ctx) => {
      await planOnSale(ctx, commodityCode, specification);
      return ctx.devicePlans.cloudStoragePlanAvailability({
        iotId: d.iotId,
        commodityCode,
        specification,
      });
    },
  }),
);
