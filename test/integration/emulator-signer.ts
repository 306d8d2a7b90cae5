// A tiny, independent signer for the emulator tests (docs/vendors.md). Deliberately imports nothing
// from src/: the tests check the emulator against the protocol text, not against the gateway's code.
import { createHash, createHmac, randomUUID } from 'node:crypto';

export const APP_KEY = '24681357';
export const APP_SECRET = 'subgate-demo-app-secret';
export const AK_ID = 'LTAIsubgateDemoKey';
export const AK_SECRET = 'subgate-demo-access-key-secret';

export interface SentRequest {
  status: number;
  headers: Headers;
  text: string;
  json: () => any;
}

async function send(url: string, init: RequestInit): Promise<SentRequest> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export interface IlopSignOptions {
  appKey?: string;
  appSecret?: string;
  timestamp?: number;
  nonce?: string;
  query?: string;
  method?: 'HmacSHA256' | 'HmacSHA1';
  /** Separator of x-ca-signature-headers (the Living IoT page says ":", SDKs send ","). */
  separator?: ',' | ':';
  /** Sign header names in this case (Java clients send X-Ca-Key). */
  upperCaseNames?: boolean;
}

/** Headers for a signed Living IoT POST of `body`. */
export function ilopHeaders(
  path: string,
  body: string,
  o: IlopSignOptions = {},
): Record<string, string> {
  const appKey = o.appKey ?? APP_KEY;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'content-md5': createHash('md5').update(body, 'utf8').digest('base64'),
  };
  const ca: Record<string, string> = {
    'x-ca-key': appKey,
    'x-ca-nonce': o.nonce ?? randomUUID(),
    'x-ca-stage': 'RELEASE',
    'x-ca-timestamp': String(o.timestamp ?? Date.now()),
  };
  if (o.method) ca['x-ca-signature-method'] = o.method;
  const named = Object.entries(ca).map(([k, v]) => [
    o.upperCaseNames
      ? k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())
      : k,
    v,
  ]) as [string, string][];
  named.sort(([a], [b]) => (a < b ? -1 : 1));
  let resource = path;
  if (o.query) {
    const pairs = [...new URLSearchParams(o.query)].sort(([a], [b]) => (a < b ? -1 : 1));
    resource += '?' + pairs.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&');
  }
  const stringToSign = [
    'POST',
    headers.accept,
    headers['content-md5'],
    headers['content-type'],
    '',
    ...named.map(([k, v]) => `${k}:${v}`),
    resource,
  ].join('\n');
  const signature = createHmac(
    o.method === 'HmacSHA1' ? 'sha1' : 'sha256',
    o.appSecret ?? APP_SECRET,
  )
    .update(stringToSign, 'utf8')
    .digest('base64');
  return {
    ...headers,
    ...Object.fromEntries(named),
    'x-ca-signature-headers': named.map(([k]) => k).join(o.separator ?? ','),
    'x-ca-signature': signature,
  };
}

export interface Envelope {
  id?: string;
  apiVer: string;
  iotToken?: string;
  language?: string;
  params?: Record<string, unknown>;
}

export function envelopeBody(e: Envelope): string {
  const request: Record<string, unknown> = { apiVer: e.apiVer };
  if (e.iotToken !== undefined) request.iotToken = e.iotToken;
  if (e.language !== undefined) request.language = e.language;
  return JSON.stringify({
    id: e.id ?? randomUUID(),
    version: '1.0',
    request,
    params: e.params ?? {},
  });
}

export function ilopPost(
  base: string,
  path: string,
  body: string,
  o: IlopSignOptions = {},
  tamper?: (headers: Record<string, string>) => void,
): Promise<SentRequest> {
  const headers = ilopHeaders(path, body, o);
  tamper?.(headers);
  return send(`${base}${path}${o.query ? `?${o.query}` : ''}`, { method: 'POST', headers, body });
}

/** Sends an envelope and returns the parsed response envelope (asserting HTTP 200 is the caller's job). */
export async function ilopCall(base: string, path: string, e: Envelope, o: IlopSignOptions = {}) {
  const res = await ilopPost(base, path, envelopeBody(e), o);
  return { status: res.status, body: res.status === 200 ? res.json() : undefined, res };
}

export function pct(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonical(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${pct(k)}=${pct(params[k] ?? '')}`)
    .join('&');
}

export function utcNow(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface BssSignOptions {
  accessKeyId?: string;
  secret?: string;
  date?: string;
  nonce?: string;
}

/** An ACS3-HMAC-SHA256 RPC request (POST /, params in the query, empty body). */
export function acs3Request(
  base: string,
  action: string,
  params: Record<string, string>,
  o: BssSignOptions = {},
): { url: string; init: { method: string; headers: Record<string, string>; body: string } } {
  const host = new URL(base).host;
  const query = canonical(params);
  const headers: Record<string, string> = {
    host,
    'x-acs-action': action,
    'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
    'x-acs-date': o.date ?? utcNow(),
    'x-acs-signature-nonce': o.nonce ?? randomUUID(),
    'x-acs-version': '2017-12-14',
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    'POST',
    '/',
    query,
    names.map((n) => `${n}:${headers[n]}\n`).join(''),
    names.join(';'),
    headers['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', o.secret ?? AK_SECRET)
    .update(stringToSign)
    .digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.accessKeyId ?? AK_ID},SignedHeaders=${names.join(';')},Signature=${signature}`;
  return { url: `${base}/?${query}`, init: { method: 'POST', headers, body: '' } };
}

export function acs3(
  base: string,
  action: string,
  params: Record<string, string>,
  o: BssSignOptions = {},
) {
  const { url, init } = acs3Request(base, action, params, o);
  return send(url, init);
}

/** Classic RPC (HMAC-SHA1, SignatureVersion 1.0): GET with a query, or POST with a form body. */
export function classicParams(
  method: 'GET' | 'POST',
  action: string,
  params: Record<string, string>,
  o: BssSignOptions = {},
): Record<string, string> {
  const all: Record<string, string> = {
    Action: action,
    Version: '2017-12-14',
    Format: 'JSON',
    AccessKeyId: o.accessKeyId ?? AK_ID,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: o.date ?? utcNow(),
    ...params,
  };
  all.Signature = classicSignature(method, all, o.secret ?? AK_SECRET).signature;
  return all;
}

/** Classic RPC signature: `METHOD&pct("/")&pct(CanonicalQuery)`, HMAC-SHA1 keyed `secret&`. */
export function classicSignature(
  method: string,
  params: Record<string, string>,
  secret: string,
): { canonicalizedQueryString: string; stringToSign: string; signature: string } {
  const { Signature: _, ...signed } = params;
  const canonicalizedQueryString = canonical(signed);
  const stringToSign = `${method.toUpperCase()}&${pct('/')}&${pct(canonicalizedQueryString)}`;
  const signature = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
  return { canonicalizedQueryString, stringToSign, signature };
}

export function classic(
  base: string,
  method: 'GET' | 'POST',
  action: string,
  params: Record<string, string>,
  o: BssSignOptions = {},
) {
  const all = classicParams(method, action, params, o);
  const encoded = Object.entries(all)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join('&');
  return method === 'GET'
    ? send(`${base}/?${encoded}`, { method: 'GET' })
    : send(`${base}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encoded,
      });
}

export { send };

import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A loopback proxy in front of the emulator that records what an SDK put on the wire, so a test can
 * replay it as is or tamper with it.
 */
export async function captureProxy(target: string) {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      captured.push(entry);
      const upstream = httpRequest(
        `${target}${entry.url}`,
        { method: entry.method, headers: entry.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(entry.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Re-sends a captured request to the emulator, optionally changed. */
export function resend(
  target: string,
  c: Captured,
  change: Partial<Captured> = {},
): Promise<SentRequest> {
  const m = { ...c, ...change };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers)) {
    if (v !== undefined && k !== 'content-length' && k !== 'connection')
      headers[k] = Array.isArray(v) ? v.join(',') : v;
  }
  return send(`${target}${m.url}`, {
    method: m.method,
    headers,
    body: m.method === 'GET' ? undefined : new Uint8Array(m.body),
  });
}
