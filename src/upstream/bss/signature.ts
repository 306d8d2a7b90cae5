/**
 * BSS OpenAPI signing (docs/vendors.md#bss): ACS3-HMAC-SHA256, which the client sends. Pure functions.
 */
import { createHash, createHmac } from 'node:crypto';

/** RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay; space is %20, `*` is %2A (docs/vendors.md#bss). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `name=pct(value)` sorted by name and joined by `&`; the same text is sent on the wire. */
export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort(byCodeUnit)
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name] ?? '')}`)
    .join('&');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface Acs3Input {
  method: string;
  /** Canonical URI; `/` for RPC-style calls. */
  path: string;
  query: Record<string, string>;
  /** Must already hold `x-acs-content-sha256`; names in any case. */
  headers: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Acs3Signature {
  canonicalQueryString: string;
  canonicalHeaders: string;
  signedHeaders: string;
  hashedRequestPayload: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** host, content-type (when present) and every x-acs-* header are signed (docs/vendors.md#bss). */
function isSignedHeader(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

export function signAcs3(input: Acs3Input): Acs3Signature {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (isSignedHeader(lower)) headers.set(lower, value.trim());
  }
  const names = [...headers.keys()].sort(byCodeUnit);
  const canonicalHeaders = names.map((n) => `${n}:${headers.get(n) ?? ''}\n`).join('');
  const signedHeaders = names.join(';');
  const hashedRequestPayload = headers.get('x-acs-content-sha256') ?? sha256Hex('');
  const query = canonicalQueryString(input.query);
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    query,
    canonicalHeaders,
    signedHeaders,
    hashedRequestPayload,
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
  const signature = createHmac('sha256', Buffer.from(input.accessKeySecret, 'utf8'))
    .update(stringToSign, 'utf8')
    .digest('hex');
  return {
    canonicalQueryString: query,
    canonicalHeaders,
    signedHeaders,
    hashedRequestPayload,
    canonicalRequest,
    hashedCanonicalRequest,
    stringToSign,
    signature,
    authorization: `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}
