import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  percentEncode,
  sha256Hex,
  signAcs3,
  type Acs3Signature,
} from '../../src/upstream/bss/signature.js';
// The gateway sends ACS3 only; the classic signature is the tests' own (the emulator accepts both).
import { classicSignature } from '../integration/emulator-signer.js';

interface V1Vector {
  id: string;
  method: string;
  accessKeySecret: string;
  params: Record<string, string>;
  canonicalizedQueryString: string;
  stringToSign: string;
  signature: string;
  signatureUrlEncoded: string;
}

/** A vector: the request, and every intermediate the SDK computed (what `signAcs3` returns). */
interface V3Vector extends Acs3Signature {
  id: string;
  method: string;
  path: string;
  accessKeyId: string;
  accessKeySecret: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

const vectorsFile = fileURLToPath(new URL('../fixtures/signing/bss-openapi.json', import.meta.url));
const { v1, v3 } = JSON.parse(readFileSync(vectorsFile, 'utf8')) as {
  v1: V1Vector[];
  v3: V3Vector[];
};

describe('BSS ACS3-HMAC-SHA256 (official SDK vectors)', () => {
  it('has vectors to check', () => expect(v3.length).toBeGreaterThanOrEqual(2));

  for (const v of v3) {
    it(`${v.id}: every intermediate and the authorization`, () => {
      expect(sha256Hex(v.body)).toBe(v.hashedRequestPayload);
      const s = signAcs3({
        method: v.method,
        path: v.path,
        query: v.query,
        headers: v.headers,
        accessKeyId: v.accessKeyId,
        accessKeySecret: v.accessKeySecret,
      });
      expect(s.canonicalQueryString).toBe(v.canonicalQueryString);
      expect(s.canonicalHeaders).toBe(v.canonicalHeaders);
      expect(s.signedHeaders).toBe(v.signedHeaders);
      expect(s.hashedRequestPayload).toBe(v.hashedRequestPayload);
      expect(s.canonicalRequest).toBe(v.canonicalRequest);
      expect(s.hashedCanonicalRequest).toBe(v.hashedCanonicalRequest);
      expect(s.stringToSign).toBe(v.stringToSign);
      expect(s.signature).toBe(v.signature);
      expect(s.authorization).toBe(v.authorization);
    });
  }

  it('signs header names case-insensitively, trims values, ignores unsigned headers', () => {
    const v = v3[0]!;
    const upper = Object.fromEntries(
      Object.entries(v.headers).map(([k, val]) => [k.toUpperCase(), ` ${val} `]),
    );
    const s = signAcs3({ ...v, headers: { ...upper, 'user-agent': 'x', authorization: 'y' } });
    expect(s.authorization).toBe(v.authorization);
  });
});

describe('BSS classic RPC HMAC-SHA1 (official SDK vectors)', () => {
  for (const v of v1) {
    it(`${v.id}: canonical query, string to sign, signature`, () => {
      const s = classicSignature(v.method, v.params, v.accessKeySecret);
      expect(s.canonicalizedQueryString).toBe(v.canonicalizedQueryString);
      expect(s.stringToSign).toBe(v.stringToSign);
      expect(s.signature).toBe(v.signature);
      expect(percentEncode(s.signature)).toBe(v.signatureUrlEncoded);
    });
  }
});

describe('RFC 3986 percent-encoding', () => {
  it('keeps unreserved characters and encodes the rest upper-case', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("a b*c!'()")).toBe('a%20b%2Ac%21%27%28%29');
    expect(percentEncode('张')).toBe('%E5%BC%A0');
    expect(percentEncode('2024-05-01T12:00:00Z')).toBe('2024-05-01T12%3A00%3A00Z');
  });

  it('sorts the canonical query by name', () => {
    expect(canonicalQueryString({ b: '2', a: 'x y', C: '' })).toBe('C=&a=x%20y&b=2');
  });
});
