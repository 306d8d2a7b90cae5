/**
 * The vendor code tables against docs/vendors.md: every documented code has a row and every row
 * is documented; and what the categories mean for clients, read retries and the breaker.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, vendorErrorCode } from '../../src/server/client-errors.js';
import { BSS_CODES, bssCodeRow } from '../../src/upstream/bss/error-codes.js';
import { gatewayErrorCode } from '../../src/upstream/ilop/envelope.js';
import { ILOP_BUSINESS_CODES, ILOP_GATEWAY_CODES } from '../../src/upstream/ilop/error-codes.js';
import { VendorError, type VendorErrorInit } from '../../src/upstream/vendor-error.js';

const doc = readFileSync(new URL('../../docs/vendors.md', import.meta.url), 'utf8');

/** The rows of the first table under a `### heading`, as cells. */
function table(heading: string): string[][] {
  const section = doc.split(`\n### ${heading}\n`)[1]!.split('\n### ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and rule
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}
const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

const ilopBusiness = table('Business codes')
  .flatMap(([codes]) => codes!.split(/,\s*/))
  .filter((code) => code !== '200');
const ilopGateway = table('Gateway rejections').map(([, , message]) =>
  gatewayErrorCode(backticked(message!)[0]!),
);
const bssCodes = table('Errors').flatMap(([codes]) => backticked(codes!));
// The loops below over bssCodes would pass on an empty table: its rows as docs/vendors.md has them.
const BSS_DOCUMENTED = [
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'SignatureNonceUsed',
  'InvalidTimeStamp.Expired',
  'Throttling.User',
  'MissingParameter',
  'InvalidParameter',
  'InvalidOwner',
  'InternalError',
  'ServiceUnavailable',
];

const error = (init: Partial<VendorErrorInit> & Pick<VendorErrorInit, 'vendor' | 'code'>) =>
  new VendorError({ message: 'm', kind: 'business', api: 'A', ...init });
const ilop = (code: string) => error({ vendor: 'ilop', code, httpStatus: 200 });
const ilopGw = (code: string, httpStatus: number) =>
  error({ vendor: 'ilop', code, kind: 'gateway', httpStatus });
const bss = (code: string, httpStatus = 400) =>
  error({ vendor: 'bss', code, kind: bssCodeRow(code)?.kind ?? 'business', httpStatus });

describe('code tables match docs/vendors.md', () => {
  it('Living IoT business codes: one row per documented code, none undocumented', () => {
    expect(ilopBusiness.length).toBeGreaterThan(10);
    expect(Object.keys(ILOP_BUSINESS_CODES).sort()).toEqual([...ilopBusiness].sort());
  });

  it('Living IoT gateway rejections: one row per documented X-Ca-Error-Message', () => {
    expect(ilopGateway).toContain('InvalidSignature');
    expect(Object.keys(ILOP_GATEWAY_CODES).sort()).toEqual([...ilopGateway].sort());
  });

  it('BSS: every documented code has a row; every row is a documented code or family', () => {
    const noted = backticked(doc.split('do not list them')[0]!.split('\n').slice(-4).join('\n'));
    expect(bssCodes).toEqual(BSS_DOCUMENTED);
    const documented = [...bssCodes, ...noted];
    for (const code of bssCodes) expect(bssCodeRow(code), code).toBeDefined();
    for (const key of Object.keys(BSS_CODES)) {
      expect(
        documented.some((code) => code.split('.', 1)[0] === key),
        key,
      ).toBe(true);
    }
  });
});

describe('what the categories mean', () => {
  it('reads are retried on the documented codes only (limits and retries)', () => {
    const retried = /codes\s+([\d/]+)\./
      .exec(doc.split('### Limits and retries')[1]!)![1]!
      .split('/');
    expect(retried).toEqual(['429', '503', '20056']);
    for (const code of ilopBusiness) {
      expect(ilop(code).facts.retryRead, code).toBe(retried.includes(code));
    }
    expect(ilopGw('ThrottledByAPPFlowControl', 403).facts.retryRead).toBe(true);
    expect(bssCodes).toEqual(BSS_DOCUMENTED);
    for (const code of bssCodes) {
      const retry = code.startsWith('Throttling') || code === 'ServiceUnavailable';
      expect(bss(code).facts.retryRead, code).toBe(retry);
    }
  });

  it('client codes: the token, device access, the application, throttling, outages', () => {
    const client = (e: VendorError) => vendorErrorCode(e);
    expect(client(ilop('2062'))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(client(ilop('401'))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(client(ilop('2065'))).toBe(ErrorCode.FORBIDDEN);
    expect(client(ilop('2066'))).toBe(ErrorCode.FORBIDDEN);
    expect(client(ilop('403'))).toBe(ErrorCode.VENDOR_FORBIDDEN);
    expect(client(ilop('429'))).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(client(ilop('20056'))).toBe(ErrorCode.VENDOR_TIMEOUT);
    for (const code of ['500', '503'])
      expect(client(ilop(code))).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    for (const code of ['400', '404', '460', '20003', '99999']) {
      expect(client(ilop(code)), code).toBe(ErrorCode.VENDOR_REJECTED);
    }
    expect(client(ilopGw('ThrottledByAPPFlowControl', 429))).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(client(ilopGw('NonceUsed', 400))).toBe(ErrorCode.VENDOR_REJECTED);
    expect(client(bss('Throttling.User'))).toBe(ErrorCode.VENDOR_RATE_LIMITED);
    expect(client(bss('InternalError', 500))).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(client(bss('ServiceUnavailable', 503))).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(client(bss('InvalidOwner'))).toBe(ErrorCode.VENDOR_REJECTED);
    expect(client(bss('SignatureDoesNotMatch'))).toBe(ErrorCode.VENDOR_REJECTED);
  });

  it('the breaker counts outages, not refusals, throttling or what was never sent', () => {
    for (const e of [ilop('500'), ilop('503'), ilop('20056'), bss('InternalError', 500)]) {
      expect(e.facts.health, e.code).toBe('down');
    }
    for (const e of [ilop('460'), ilop('2065'), ilop('429'), bss('Throttling.User')]) {
      expect(e.facts.health, e.code).toBe('up');
    }
    const queued = error({ vendor: 'bss', code: 'FlowControl.QueueTimeout', kind: 'gateway' });
    expect(queued.category).toBe('held-back');
    expect(queued.facts).toMatchObject({ health: 'unknown', sent: false });
    expect(vendorErrorCode(queued)).toBe(ErrorCode.VENDOR_RATE_LIMITED);
  });

  it('our own codes and unknown codes: judged by the HTTP status', () => {
    const transport = (code: string, httpStatus: number | null) =>
      error({ vendor: 'ilop', code, kind: 'transport', httpStatus });
    expect(transport('VENDOR_TIMEOUT', null).category).toBe('timeout');
    expect(transport('VENDOR_TIMEOUT', null).facts.retryRead).toBe(false);
    expect(transport('VENDOR_BAD_RESPONSE', 200).category).toBe('bad-response');
    expect(transport('VENDOR_UNAVAILABLE', null).category).toBe('failed');
    expect(transport('VENDOR_UNAVAILABLE', 502).facts.retryRead).toBe(false);
    expect(transport('VENDOR_UNAVAILABLE', 504).category).toBe('unavailable');
    expect(transport('VENDOR_UNAVAILABLE', 503).facts.retryRead).toBe(true);
    expect(ilopGw('SomethingNew', 503).category).toBe('unavailable');
    expect(ilopGw('SomethingNew', 500).category).toBe('failed');
    expect(ilopGw('HTTP_429', 429).category).toBe('throttled');
    expect(ilopGw('HTTP_418', 418).category).toBe('rejected');
    // A service's own unknown code with a 500 is its answer, not an outage.
    expect(bss('SomeServiceCode', 500).category).toBe('rejected');
  });

  it('an explicit category wins over the tables (set where the error is made)', () => {
    const e = error({
      vendor: 'ilop',
      code: 'VENDOR_TIMEOUT',
      kind: 'transport',
      category: 'deadline',
    });
    expect(e.category).toBe('deadline');
    expect(e.outcomeUnknown).toBe(false);
    expect(
      error({ vendor: 'ilop', code: 'VENDOR_TIMEOUT', kind: 'transport' }).outcomeUnknown,
    ).toBe(true);
  });
});
