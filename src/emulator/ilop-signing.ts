import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { header } from './headers.js';
import { REPLAY_WINDOW_MS, type NonceRegistry } from './nonces.js';

// Living IoT API gateway "digest" signature, docs/vendors.md#living-iot.

export interface IlopSignedRequest {
  method: string;
  /** The request target as received: path plus optional `?query`. */
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const FORM = 'application/x-www-form-urlencoded';

/** Signed header names from `x-ca-signature-headers`: commas (SDKs) or colons (the Living IoT page), case kept. */
export function signedHeaderNames(headers: IncomingHttpHeaders): string[] {
  const list = header(headers, 'x-ca-signature-headers') ?? '';
  return list
    .split(/[,:]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .sort();
}

/** `path[?sorted query]`; query (and form body) pairs sorted by key, a key with an empty value as bare `k`. */
export function canonicalIlopResource(
  target: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): string {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const values = new Map<string, string[]>();
  const add = (params: URLSearchParams) => {
    for (const [k, v] of params) values.set(k, [...(values.get(k) ?? []), v]);
  };
  if (q !== -1) add(new URLSearchParams(target.slice(q + 1)));
  // The official SDK signs form fields as if they were query parameters.
  if ((header(headers, 'content-type') ?? '').startsWith(FORM))
    add(new URLSearchParams(body.toString('utf8')));
  if (values.size === 0) return path;
  const pairs = [...values.keys()].sort().map((k) => {
    const v = (values.get(k) ?? []).join(',');
    return v === '' ? k : `${k}=${v}`;
  });
  return `${path}?${pairs.join('&')}`;
}

export function ilopStringToSign(request: IlopSignedRequest): string {
  const h = request.headers;
  const lines = [
    request.method.toUpperCase(),
    header(h, 'accept') ?? '',
    header(h, 'content-md5') ?? '',
    header(h, 'content-type') ?? '',
    header(h, 'date') ?? '',
    ...signedHeaderNames(h).map((name) => `${name}:${header(h, name) ?? ''}`),
    canonicalIlopResource(request.target, h, request.body),
  ];
  return lines.join('\n');
}

export function ilopSignature(
  stringToSign: string,
  secret: string,
  method: 'HmacSHA256' | 'HmacSHA1',
): string {
  return createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', Buffer.from(secret, 'utf8'))
    .update(stringToSign, 'utf8')
    .digest('base64');
}

export type IlopVerdict =
  { ok: true; appKey: string } | { ok: false; status: number; message: string };

export interface IlopVerifier {
  secrets: ReadonlyMap<string, string>;
  now: number;
  nonces: NonceRegistry;
}

const reject = (status: number, message: string): IlopVerdict => ({ ok: false, status, message });

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The gateway's checks in the order of docs/vendors.md#gateway-rejections; the nonce is remembered only once all pass. */
export function verifyIlopSignature(
  request: IlopSignedRequest,
  verifier: IlopVerifier,
): IlopVerdict {
  const h = request.headers;
  const signature = header(h, 'x-ca-signature');
  if (!signature) return reject(404, 'Empty Signature');
  const appKey = header(h, 'x-ca-key') ?? '';
  const secret = verifier.secrets.get(appKey);
  if (secret === undefined) return reject(400, 'Invalid AppKey');
  const timestamp = header(h, 'x-ca-timestamp') ?? '';
  if (!/^\d+$/.test(timestamp)) return reject(400, 'Invalid Timestamp');
  if (Math.abs(Number(timestamp) - verifier.now) > REPLAY_WINDOW_MS)
    return reject(400, 'Timestamp Expired');
  // Guess: the gateway in front of these APIs requires a nonce (every SDK sends one).
  const nonce = header(h, 'x-ca-nonce');
  if (!nonce) return reject(400, 'Invalid Nonce');
  if (verifier.nonces.seen(appKey, nonce)) return reject(400, 'Nonce Used');
  const md5 = header(h, 'content-md5');
  if (md5 !== undefined && md5 !== createHash('md5').update(request.body).digest('base64')) {
    return reject(400, 'Invalid Content-MD5');
  }
  const method = header(h, 'x-ca-signature-method') ?? 'HmacSHA256';
  if (method !== 'HmacSHA256' && method !== 'HmacSHA1')
    return reject(400, 'Invalid Signature Method');
  const stringToSign = ilopStringToSign(request);
  if (!equal(ilopSignature(stringToSign, secret, method), signature)) {
    return reject(
      400,
      `Invalid Signature, Server StringToSign:\`${stringToSign.replace(/\n/g, '#')}\``,
    );
  }
  verifier.nonces.remember(appKey, nonce);
  return { ok: true, appKey };
}
