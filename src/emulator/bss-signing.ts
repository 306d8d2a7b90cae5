import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseUtc } from './clock.js';
import { header } from './headers.js';
import { REPLAY_WINDOW_MS, type NonceRegistry } from './nonces.js';

// BSS OpenAPI signatures, docs/vendors.md#bss: ACS3-HMAC-SHA256 and classic RPC HMAC-SHA1 (SignatureVersion 1.0).

export type Pair = [name: string, value: string];

/** RFC 3986 percent-encoding: keep A-Z a-z 0-9 - _ . ~, everything else as upper-case %XX of UTF-8. */
export function pct(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray % stays literal; the signature will then not match
  }
}

/**
 * Decodes `a=1&b=x%20y` into pairs. The verifier signs these re-encoded, never the raw text (docs/vendors.md#bss: SDKs leave
 * `!'()*` unescaped). In a query `+` is literal; in a form body it is a space (HTML form encoding).
 */
export function decodePairs(raw: string, plusIsSpace: boolean): Pair[] {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const text = plusIsSpace ? part.replace(/\+/g, ' ') : part;
      const eq = text.indexOf('=');
      return eq === -1
        ? [decode(text), '']
        : [decode(text.slice(0, eq)), decode(text.slice(eq + 1))];
    });
}

/** name=pct(value) pairs sorted by encoded name (then value), joined by &. */
export function canonicalQuery(pairs: readonly Pair[]): string {
  return pairs
    .map(([k, v]) => [pct(k), pct(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export interface Acs3Input {
  method: string;
  path: string;
  query: readonly Pair[];
  headers: IncomingHttpHeaders;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function acs3CanonicalRequest(input: Acs3Input): string {
  const names = input.signedHeaders.map((n) => n.toLowerCase());
  const canonicalHeaders = names
    .map((n) => `${n}:${(header(input.headers, n) ?? '').trim()}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    canonicalHeaders,
    names.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
}

export function acs3Signature(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

export function classicStringToSign(method: string, params: readonly Pair[]): string {
  const signed = params.filter(([k]) => k !== 'Signature');
  return `${method.toUpperCase()}&${pct('/')}&${pct(canonicalQuery(signed))}`;
}

export function classicSignature(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

export interface BssSignedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type BssVerdict =
  | {
      ok: true;
      style: 'ACS3' | 'classic';
      accessKeyId: string;
      params: Map<string, string>;
      action: string;
    }
  | { ok: false; status: number; code: string; message: string };

export interface BssVerifier {
  secrets: ReadonlyMap<string, string>;
  now: number;
  nonces: NonceRegistry;
}

const fail = (status: number, code: string, message: string): BssVerdict => ({
  ok: false,
  status,
  code,
  message,
});

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Business and signing parameters: the query plus a form body, if any (docs/vendors.md#bss: either place is allowed). */
export function requestParams(request: BssSignedRequest): Pair[] {
  const pairs = decodePairs(request.rawQuery, false);
  const type = header(request.headers, 'content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    pairs.push(...decodePairs(request.body.toString('utf8'), true));
  }
  return pairs;
}

const ACS3_AUTH = /^ACS3-HMAC-SHA256\s+(.*)$/;

export function verifyBssSignature(request: BssSignedRequest, verifier: BssVerifier): BssVerdict {
  const pairs = requestParams(request);
  const params = new Map(pairs);
  const authorization = header(request.headers, 'authorization') ?? '';
  const acs3 = ACS3_AUTH.exec(authorization);
  if (acs3) return verifyAcs3(request, verifier, params, acs3[1] ?? '');
  if (params.has('Signature') || params.has('AccessKeyId') || params.has('SignatureMethod')) {
    return verifyClassic(request, verifier, pairs, params);
  }
  return fail(
    400,
    'IncompleteSignature',
    'The request signature is missing: send an ACS3-HMAC-SHA256 Authorization header or the Signature parameter.',
  );
}

function checkTime(text: string | undefined, now: number, name: string): BssVerdict | undefined {
  const at = text === undefined ? undefined : parseUtc(text);
  if (at === undefined) {
    return fail(
      400,
      'InvalidTimeStamp.Format',
      `Specified ${name} is not valid: expected yyyy-MM-ddTHH:mm:ssZ.`,
    );
  }
  if (Math.abs(at - now) > REPLAY_WINDOW_MS) {
    return fail(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired.`);
  }
  return undefined;
}

function verifyAcs3(
  request: BssSignedRequest,
  verifier: BssVerifier,
  params: Map<string, string>,
  authFields: string,
): BssVerdict {
  const fields = new Map<string, string>();
  for (const part of authFields.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const date = header(request.headers, 'x-acs-date');
  const nonce = header(request.headers, 'x-acs-signature-nonce');
  const missing = [
    ['Credential', accessKeyId],
    ['SignedHeaders', signedHeaders],
    ['Signature', signature],
    ['x-acs-date', date],
    ['x-acs-signature-nonce', nonce],
    ['x-acs-action', header(request.headers, 'x-acs-action')],
  ].filter(([, v]) => !v);
  if (missing.length > 0 || !accessKeyId || !signedHeaders || !signature || !nonce) {
    return fail(
      400,
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards: missing ${missing.map(([n]) => n).join(', ')}.`,
    );
  }
  const secret = verifier.secrets.get(accessKeyId);
  if (secret === undefined)
    return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const timeProblem = checkTime(date, verifier.now, 'x-acs-date');
  if (timeProblem) return timeProblem;
  if (verifier.nonces.seen(accessKeyId, nonce)) {
    return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  // The payload hash is the server's own hash of the bytes received, so a lying x-acs-content-sha256
  // (or a tampered body) fails as a signature mismatch.
  const canonicalRequest = acs3CanonicalRequest({
    method: request.method,
    path: request.path,
    query: decodePairs(request.rawQuery, false),
    headers: request.headers,
    signedHeaders: signedHeaders.split(';').filter((n) => n !== ''),
    payloadHash: createHash('sha256').update(request.body).digest('hex'),
  });
  const claimedHash = header(request.headers, 'x-acs-content-sha256');
  const stringToSign = acs3StringToSign(canonicalRequest);
  if (
    (claimedHash !== undefined &&
      claimedHash !== createHash('sha256').update(request.body).digest('hex')) ||
    !equal(acs3Signature(stringToSign, secret), signature)
  ) {
    return fail(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    );
  }
  verifier.nonces.remember(accessKeyId, nonce);
  return {
    ok: true,
    style: 'ACS3',
    accessKeyId,
    params,
    action: header(request.headers, 'x-acs-action') ?? '',
  };
}

function verifyClassic(
  request: BssSignedRequest,
  verifier: BssVerifier,
  pairs: Pair[],
  params: Map<string, string>,
): BssVerdict {
  const required = [
    'AccessKeyId',
    'Signature',
    'SignatureMethod',
    'SignatureVersion',
    'SignatureNonce',
    'Timestamp',
  ];
  const missing = required.filter((name) => !params.get(name));
  if (missing.length > 0) {
    return fail(
      400,
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards: missing ${missing.join(', ')}.`,
    );
  }
  const accessKeyId = params.get('AccessKeyId') ?? '';
  const secret = verifier.secrets.get(accessKeyId);
  if (secret === undefined)
    return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') {
    return fail(
      400,
      'InvalidParameter',
      'Specified SignatureMethod or SignatureVersion is not supported: use HMAC-SHA1 and 1.0.',
    );
  }
  const timeProblem = checkTime(params.get('Timestamp'), verifier.now, 'Timestamp');
  if (timeProblem) return timeProblem;
  const nonce = params.get('SignatureNonce') ?? '';
  if (verifier.nonces.seen(accessKeyId, nonce)) {
    return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  const stringToSign = classicStringToSign(request.method, pairs);
  if (!equal(classicSignature(stringToSign, secret), params.get('Signature') ?? '')) {
    return fail(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    );
  }
  verifier.nonces.remember(accessKeyId, nonce);
  return { ok: true, style: 'classic', accessKeyId, params, action: params.get('Action') ?? '' };
}
