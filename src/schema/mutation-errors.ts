/** Expected mutation failures as GraphQL types: members of each payload's result union. */
import {
  ForbiddenError,
  FreePlanUsedError,
  OutcomeUnknownError,
  ValidationError,
  VendorRejectedError,
} from '../mutations/results.js';
import { builder } from './builder.js';

export const MutationError = builder.interfaceRef<Error>('MutationError').implement({
  description: 'An expected reason a mutation did not happen (or may not have).',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for a developer.' }),
  }),
});

const ValidationIssue = builder
  .objectRef<{ field: string; rule: string }>('ValidationIssue')
  .implement({
    description: 'One broken input rule.',
    fields: (t) => ({
      field: t.exposeString('field', {
        description: 'Path of the input field, e.g. `input.copies`.',
      }),
      rule: t.exposeString('rule', {
        description: 'The rule it broke, e.g. `must be from 1 to 60`.',
      }),
    }),
  });

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input broke a documented rule; nothing was sent to the vendor.',
  interfaces: [MutationError],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The first offending input field.' }),
    rule: t.exposeString('rule', { description: 'The rule it broke.' }),
    issues: t.field({
      type: [ValidationIssue],
      description: 'Every broken rule.',
      resolve: (e) => e.issues,
    }),
  }),
});

builder.objectType(VendorRejectedError, {
  name: 'VendorRejectedError',
  description: 'The vendor refused the request; nothing was created.',
  interfaces: [MutationError],
  fields: (t) => ({
    vendor: t.exposeString('vendor', { description: '`ilop` (Living IoT) or `bss`.' }),
    // Nullable like ForbiddenError.vendorCode, so one selection serves every union member.
    vendorCode: t.exposeString('vendorCode', {
      nullable: true,
      description: "The vendor's code, e.g. 460 (always set here).",
    }),
    localizedMessage: t.exposeString('localizedMessage', {
      nullable: true,
      description: "The vendor's message in the user's language (`localizedMsg`).",
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The vendor's request ID, for support.",
    }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The caller may not do this to this device.',
  interfaces: [MutationError],
  fields: (t) => ({
    vendorCode: t.exposeString('vendorCode', {
      nullable: true,
      description:
        "The vendor's code (2065: not bound; 2066: not the admin), when the vendor refused.",
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The vendor's request ID, when the vendor refused.",
    }),
  }),
});

builder.objectType(OutcomeUnknownError, {
  name: 'OutcomeUnknownError',
  description:
    'The vendor did not confirm the request (timeout, broken connection): it may have been carried out. subgate never retries it blindly; re-send with the same idempotencyKey to reconcile.',
  interfaces: [MutationError],
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey', {
      nullable: true,
      description: 'The key to re-send with; null when the request had none.',
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The vendor's request ID, when known.",
    }),
  }),
});

builder.objectType(FreePlanUsedError, {
  name: 'FreePlanUsedError',
  description:
    "The device's free plan was already claimed, or too little of its quota is left; nothing was claimed.",
  interfaces: [MutationError],
  fields: (t) => ({
    // Nullable like ForbiddenError.vendorCode, so one selection serves every union member.
    vendorCode: t.exposeString('vendorCode', {
      nullable: true,
      description: "The vendor's code (always set here).",
    }),
    requestId: t.exposeString('requestId', {
      nullable: true,
      description: "The vendor's request ID, for support.",
    }),
  }),
});

export const MUTATION_ERRORS = [
  ValidationError,
  VendorRejectedError,
  ForbiddenError,
  OutcomeUnknownError,
];
