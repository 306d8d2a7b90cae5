/** The idempotency fingerprint: the same input hashes the same on every machine and release. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/mutations/idempotent.js';

describe('idempotency fingerprint', () => {
  it('keeps the hashes stored before keys sorted by code unit (ASCII field names)', () => {
    // Hashes written by the earlier, locale-collated sort: records within their 24 h still match.
    expect(
      fingerprint({
        iotId: 'dev-1',
        copies: 2,
        commodityCode: 'streamingResource_20_10',
        userId: 'u1',
        userName: null,
        immediateUse: true,
      }),
    ).toBe('839c35a0e9e3aac724c86371cf3c5d1957845e1e4c40342b505a7b29a764ca1e');
    expect(
      fingerprint({
        orderId: 'o-1',
        iotId: 'dev-1',
        recordDuration: 10,
        preRecordDuration: 5,
        maxRecordFileDuration: 600,
        enableDefaultPlan: false,
        eventRecordProlong: true,
        userName: 'n',
        userId: 'u',
      }),
    ).toBe('744019d9e70a6e2a0d94409be34c651b35c825b26fabd28a1cb636ff1b05a6ce');
  });

  it('ignores key order and absent fields, and sorts by code unit, not collation', () => {
    expect(fingerprint({ b: 1, a: { d: 2, c: null } })).toBe(fingerprint({ a: { d: 2 }, b: 1 }));
    // Collation puts `a` before `B`; code units put `B` (0x42) first, whatever the locale.
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(fingerprint({ a: 1, B: 2 })).toBe(sha256('{"B":2,"a":1}'));
  });
});
