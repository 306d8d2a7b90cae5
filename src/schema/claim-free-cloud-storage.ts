import { claimFreeCloudStorage } from '../mutations/claim-free-cloud-storage.js';
import { FreePlanUsedError } from '../mutations/results.js';
import type { FreeCloudStorage as Shape } from '../domain/free-cloud-storage.js';
import { builder } from './builder.js';
import { Device } from './device-ref.js';
import { NO_CALLS, WRITE } from './field-cost.js';
import { FreeCloudStorage } from './free-cloud-storage.js';
import { MUTATION_ERRORS } from './mutation-errors.js';

const ClaimFreeCloudStorageInput = builder.inputType('ClaimFreeCloudStorageInput', {
  description: "A device's free cloud-storage plan to claim (once per device).",
  fields: (t) => ({
    iotId: t.string({ required: true, description: 'The device.' }),
    quota: t.int({ description: 'How much of the free quota to claim: 1 to 3 (default 1).' }),
    immediateUse: t.boolean({
      description: "True: starts now. False (default): after the device's last plan.",
    }),
    enableDefaultPlan: t.boolean({
      description: 'Set the default 7×24 and event recording schedules.',
    }),
    preRecordDuration: t.int({ description: 'Seconds recorded before an event: 0 to 5.' }),
    recordDuration: t.int({ description: 'Seconds recorded for an event: 0 to 30.' }),
    idempotencyKey: t.string({
      description:
        'Makes retries safe: the same key and input within 24 hours return the first result without claiming again.',
    }),
  }),
});

const ClaimFreeCloudStoragePayload = builder
  .objectRef<{ iotId: string; plan: Shape }>('ClaimFreeCloudStoragePayload')
  .implement({
    description: 'The free plan, claimed.',
    fields: (t) => ({
      freeCloudStorage: t.field({
        type: FreeCloudStorage,
        description: 'The free plan after the claim: claimed, with its dates.',
        extensions: NO_CALLS,
        resolve: (p) => p.plan,
      }),
      device: t.field({
        type: Device,
        description: 'The device, read again after the claim.',
        resolve: (p) => ({ iotId: p.iotId }),
      }),
    }),
  });

builder.mutationField('claimFreeCloudStorage', (t) =>
  t.field({
    type: ClaimFreeCloudStoragePayload,
    description:
      "Claims a device's free cloud-storage plan (Living IoT freecloudstorage/consume), once per device. A user must be the device admin. Never retried blindly.",
    args: {
      input: t.arg({
        type: ClaimFreeCloudStorageInput,
        required: true,
        description: 'The request.',
      }),
    },
    extensions: WRITE,
    errors: {
      types: [...MUTATION_ERRORS, FreePlanUsedError],
      directResult: true,
      union: {
        name: 'ClaimFreeCloudStorageResult',
        description: 'The claimed plan, or why it was not claimed.',
      },
    },
    resolve: async (_root, { input }, ctx) => ({
      iotId: input.iotId,
      plan: await claimFreeCloudStorage(ctx, input),
    }),
  }),
);
