/**
 * The expected failures of a mutation, returned as typed union members. Plain
 * classes: the schema registers them as GraphQL object types.
 */
import type { VendorError } from '../upstream/vendor-error.js';

export interface ValidationIssue {
  field: string;
  rule: string;
}

/** Input broke a documented rule; nothing was sent to the vendor. */
export class ValidationError extends Error {
  readonly field: string;
  readonly rule: string;
  constructor(readonly issues: ValidationIssue[]) {
    const first = issues[0] ?? { field: 'input', rule: 'is invalid' };
    super(issues.map((i) => `${i.field}: ${i.rule}`).join('; '));
    this.name = 'ValidationError';
    this.field = first.field;
    this.rule = first.rule;
  }
}

/** The vendor refused the request: nothing was created. */
export class VendorRejectedError extends Error {
  readonly vendor: string;
  readonly vendorCode: string;
  readonly localizedMessage: string | null;
  readonly requestId: string | null;
  constructor(
    error: Pick<VendorError, 'vendor' | 'code' | 'message' | 'localizedMessage' | 'requestId'>,
  ) {
    super(error.message);
    this.name = 'VendorRejectedError';
    this.vendor = error.vendor;
    this.vendorCode = error.code;
    this.localizedMessage = error.localizedMessage;
    this.requestId = error.requestId;
  }
}

/** The caller may not do this to this device (vendor 2065/2066, or the role). */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly vendorCode: string | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The vendor call timed out or broke after it was sent: the order may or may not exist. Re-send
 * with the same idempotency key to reconcile; nothing was retried blindly.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    message: string,
    readonly idempotencyKey: string | null,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}

/** The device's free plan was claimed already (or too little of its quota is left): nothing was claimed. */
export class FreePlanUsedError extends Error {
  constructor(
    message: string,
    readonly vendorCode: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'FreePlanUsedError';
  }
}
