/**
 * Alibaba Cloud API gateway "digest" signing for the Living IoT APIs (docs/vendors.md#signing).
 * Pure: the caller supplies timestamp and nonce, so the official SDK's vectors reproduce exactly.
 */
import { createHash, createHmac } from 'node:crypto';

export type IlopSignatureMethod = 'HmacSHA256' | 'HmacSHA1';

export interface StringToSignInput {
  method: string;
  accept: string;
  contentMd5: string;
  contentType: string;
  /** Empty: we send no Date header (docs/vendors.md#living-iot). */
  date: string;
  /** The signed headers only (lower-case `x-ca-*` names), in any order. */
  headers: Record<string, string>;
  pathAndQuery: string;
}

/** Base64(MD5(body)) over the exact UTF-8 bytes sent: the body is signed only through this. */
export function contentMd5(body: string | Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

/** `<path>[?<query sorted by key>]`, a key with an empty value as the bare key (vector V3). */
export function canonicalPathAndQuery(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return pathAndQuery;
  const path = pathAndQuery.slice(0, q);
  const pairs = pathAndQuery
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      // The SDK signs the parsed (decoded) query object, not the raw URL text.
      return [decode(key), decode(value)];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (pairs.length === 0) return path;
  return `${path}?${pairs.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&')}`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function buildStringToSign(input: StringToSignInput): string {
  const names = Object.keys(input.headers).sort();
  const lines = [
    input.method.toUpperCase(),
    input.accept,
    input.contentMd5,
    input.contentType,
    input.date,
    ...names.map((name) => `${name}:${input.headers[name] ?? ''}`),
    canonicalPathAndQuery(input.pathAndQuery),
  ];
  return lines.join('\n');
}

export function ilopSignature(
  stringToSign: string,
  appSecret: string,
  method: IlopSignatureMethod = 'HmacSHA256',
): string {
  const algo = method === 'HmacSHA1' ? 'sha1' : 'sha256';
  return createHmac(algo, Buffer.from(appSecret, 'utf8'))
    .update(Buffer.from(stringToSign, 'utf8'))
    .digest('base64');
}

export interface SignIlopInput {
  appKey: string;
  appSecret: string;
  stage: string;
  method: string;
  pathAndQuery: string;
  body: string;
  /** Epoch milliseconds, as a string on the wire. */
  timestamp: number | string;
  nonce: string;
  accept?: string;
  contentType?: string;
  /** Sent (and signed) only when not the default HmacSHA256. */
  signatureMethod?: IlopSignatureMethod;
}

export interface SignedIlopRequest {
  /** Every header to send, lower-case names. */
  headers: Record<string, string>;
  stringToSign: string;
}

export function signIlop(input: SignIlopInput): SignedIlopRequest {
  const accept = input.accept ?? 'application/json';
  const contentType = input.contentType ?? 'application/json';
  const md5 = contentMd5(Buffer.from(input.body, 'utf8'));
  const signed: Record<string, string> = {
    'x-ca-key': input.appKey,
    'x-ca-nonce': input.nonce,
    'x-ca-stage': input.stage,
    'x-ca-timestamp': String(input.timestamp),
  };
  if (input.signatureMethod && input.signatureMethod !== 'HmacSHA256') {
    signed['x-ca-signature-method'] = input.signatureMethod;
  }
  const stringToSign = buildStringToSign({
    method: input.method,
    accept,
    contentMd5: md5,
    contentType,
    date: '',
    headers: signed,
    pathAndQuery: input.pathAndQuery,
  });
  return {
    stringToSign,
    headers: {
      accept,
      'content-type': contentType,
      'content-md5': md5,
      ...signed,
      // Comma-separated like every SDK (the Living IoT page's colon is the odd one out, docs/vendors.md#signing).
      'x-ca-signature-headers': Object.keys(signed).sort().join(','),
      'x-ca-signature': ilopSignature(stringToSign, input.appSecret, input.signatureMethod),
    },
  };
}
