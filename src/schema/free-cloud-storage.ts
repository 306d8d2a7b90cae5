/** A device's free cloud-storage plan (freecloudstorage/get), batched per request. */
import type { FreeCloudStorage as Shape } from '../domain/free-cloud-storage.js';
import { builder } from './builder.js';
import { Device } from './device-ref.js';
import { cost, one } from './field-cost.js';
import { RecordType } from './order-enums.js';

export const FreeCloudStorage = builder.objectRef<Shape>('FreeCloudStorage').implement({
  description:
    "A device's free cloud-storage trial: whether it can still be claimed, and once claimed, when it runs.",
  fields: (t) => ({
    available: t.boolean({
      description: 'True when the device has a free plan left to claim.',
      resolve: (f) => f.offered && !f.claimed && f.remainingQuota > 0,
    }),
    offered: t.exposeBoolean('offered', {
      description: 'False when the vendor offers this device no free plan at all.',
    }),
    claimed: t.exposeBoolean('claimed', { description: 'True once the free plan was claimed.' }),
    remainingQuota: t.exposeInt('remainingQuota', {
      description: 'Free plans still to claim (`remainQuota`).',
    }),
    recordType: t.expose('recordType', {
      type: RecordType,
      nullable: true,
      description: 'How the free plan records (`type`).',
    }),
    videoRetentionDays: t.exposeInt('videoRetentionDays', {
      nullable: true,
      description: 'Days of video kept (`lifecycle`).',
    }),
    months: t.exposeInt('months', { nullable: true, description: 'Months of service.' }),
    startsAt: t.expose('startsAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the claimed plan starts; null before it is claimed.',
    }),
    endsAt: t.expose('endsAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the claimed plan ends; null before it is claimed.',
    }),
    expired: t.exposeBoolean('expired', { description: 'True once the claimed plan has ended.' }),
  }),
});

builder.objectField(Device, 'freeCloudStorage', (t) =>
  t.field({
    type: FreeCloudStorage,
    description: "The device's free cloud-storage plan (one read per device, batched per request).",
    extensions: cost({ calls: one }),
    resolve: (d, _args, ctx) => ctx.devicePlans.freeCloudStorage(d.iotId),
  }),
);
