/**
 * What each BSS error code means (docs/vendors.md#errors), and who answered: the POP gateway's own
 * verdicts (signature, credentials, replay, clock, flow control, availability) or the service.
 * A code is looked up as itself, then by its family (the part before the first "."), so
 * `Throttling.User` and `InvalidAccessKeyId.Inactive` find their family's row.
 */
import type { VendorErrorCategory } from '../error-category.js';
import type { VendorErrorKind } from '../vendor-error.js';

export interface BssCodeRow {
  kind: VendorErrorKind;
  category: VendorErrorCategory;
}

const gateway = (category: VendorErrorCategory): BssCodeRow => ({ kind: 'gateway', category });
const service = (category: VendorErrorCategory): BssCodeRow => ({ kind: 'business', category });

export const BSS_CODES: Readonly<Record<string, BssCodeRow>> = {
  SignatureDoesNotMatch: gateway('rejected'),
  IncompleteSignature: gateway('rejected'),
  SignatureNonceUsed: gateway('rejected'),
  InvalidTimeStamp: gateway('rejected'),
  InvalidAccessKeyId: gateway('rejected'),
  InvalidSecurityToken: gateway('rejected'),
  MissingSecurityToken: gateway('rejected'),
  Forbidden: gateway('rejected'),
  Throttling: gateway('throttled'),
  ServiceUnavailable: gateway('unavailable'),
  MissingParameter: service('invalid-parameter'),
  InvalidParameter: service('invalid-parameter'),
  InvalidOwner: service('rejected'),
  InternalError: service('failed'),
};

/** The row for a code, or undefined for a code the table does not know (the service's). */
export function bssCodeRow(code: string): BssCodeRow | undefined {
  const family = code.split('.', 1)[0]!;
  return Object.hasOwn(BSS_CODES, code)
    ? BSS_CODES[code]
    : Object.hasOwn(BSS_CODES, family)
      ? BSS_CODES[family]
      : undefined;
}

/** Gateway for the POP gateway's own verdicts; business for everything else. */
export function bssErrorKind(code: string): VendorErrorKind {
  return bssCodeRow(code)?.kind ?? 'business';
}
