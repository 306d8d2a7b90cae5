/**
 * What each Living IoT code means (docs/vendors.md#business-codes, #gateway-rejections). Gateway
 * rejections are keyed by the code envelope.ts names from `X-Ca-Error-Message`.
 */
import type { VendorErrorCategory } from '../error-category.js';

export const ILOP_BUSINESS_CODES: Readonly<Record<string, VendorErrorCategory>> = {
  '400': 'rejected',
  '401': 'unauthenticated',
  '403': 'app-forbidden',
  '404': 'rejected',
  '429': 'throttled',
  '460': 'invalid-parameter',
  '500': 'failed',
  '503': 'unavailable',
  '2062': 'unauthenticated',
  '2065': 'not-bound',
  '2066': 'not-admin',
  '20003': 'rejected',
  '20056': 'backend-timeout',
};

export const ILOP_GATEWAY_CODES: Readonly<Record<string, VendorErrorCategory>> = {
  EmptySignature: 'rejected',
  InvalidAppKey: 'rejected',
  InvalidTimestamp: 'rejected',
  TimestampExpired: 'rejected',
  NonceUsed: 'rejected',
  InvalidContentMD5: 'rejected',
  InvalidSignature: 'rejected',
  ThrottledByAPPFlowControl: 'throttled',
};
