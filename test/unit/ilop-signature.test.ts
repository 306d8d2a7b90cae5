import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildStringToSign,
  canonicalPathAndQuery,
  contentMd5,
  ilopSignature,
  signIlop,
} from '../../src/upstream/ilop/signature.js';

interface IlopVector {
  name: string;
  appKey: string;
  appSecret: string;
  method: string;
  pathAndQuery: string;
  body: string;
  headers: Record<string, string>;
  stringToSign: string;
  signature: string;
}

const vectorsFile = fileURLToPath(
  new URL('../fixtures/signing/ilop-api-gateway.json', import.meta.url),
);
const { vectors } = JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: IlopVector[] };

const header = (v: IlopVector, name: string): string => {
  const value = v.headers[name];
  if (value === undefined) throw new Error(`vector ${v.name} lacks ${name}`);
  return value;
};

describe('Living IoT API gateway signature (official SDK vectors)', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(3);
  });

  for (const v of vectors) {
    describe(v.name, () => {
      it('Content-MD5 over the exact UTF-8 body bytes', () => {
        expect(contentMd5(Buffer.from(v.body, 'utf8'))).toBe(header(v, 'content-md5'));
      });

      it('string to sign and signature from the parts', () => {
        const signedNames = header(v, 'x-ca-signature-headers').split(',');
        const signedHeaders = Object.fromEntries(signedNames.map((n) => [n, header(v, n)]));
        const stringToSign = buildStringToSign({
          method: v.method,
          accept: header(v, 'accept'),
          contentMd5: header(v, 'content-md5'),
          contentType: header(v, 'content-type'),
          date: '',
          headers: signedHeaders,
          pathAndQuery: v.pathAndQuery,
        });
        expect(stringToSign).toBe(v.stringToSign);
        expect(ilopSignature(stringToSign, v.appSecret)).toBe(v.signature);
      });

      it('signIlop produces every header the SDK sent', () => {
        const signed = signIlop({
          appKey: v.appKey,
          appSecret: v.appSecret,
          stage: header(v, 'x-ca-stage'),
          method: v.method,
          pathAndQuery: v.pathAndQuery,
          body: v.body,
          timestamp: header(v, 'x-ca-timestamp'),
          nonce: header(v, 'x-ca-nonce'),
        });
        expect(signed.stringToSign).toBe(v.stringToSign);
        expect(signed.headers).toEqual(v.headers);
      });
    });
  }

  it('sorts the query and signs an empty value as a bare key', () => {
    expect(canonicalPathAndQuery('/p?b=2&a=1&c=')).toBe('/p?a=1&b=2&c');
    expect(canonicalPathAndQuery('/p?')).toBe('/p');
    expect(canonicalPathAndQuery('/p')).toBe('/p');
  });

  it('signs x-ca-signature-method when HmacSHA1 is chosen', () => {
    const signed = signIlop({
      appKey: 'k',
      appSecret: 's',
      stage: 'RELEASE',
      method: 'POST',
      pathAndQuery: '/x',
      body: '{}',
      timestamp: 1,
      nonce: 'n',
      signatureMethod: 'HmacSHA1',
    });
    expect(signed.headers['x-ca-signature-headers']).toBe(
      'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-stage,x-ca-timestamp',
    );
    expect(signed.stringToSign).toContain('\nx-ca-signature-method:HmacSHA1\n');
    expect(signed.headers['x-ca-signature']).toBe(
      ilopSignature(signed.stringToSign, 's', 'HmacSHA1'),
    );
  });
});
