/**
 * Runs a full suite of operations (reads, writes, refusals, vendor faults, bad credentials) while
 * capturing every log line, and finds no secret, token, admin key or signature in the logs or in
 * any GraphQL response.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { ACCESS_KEY, ADMIN_KEY, APP, startHarness, type As, type Harness } from '../harness.js';

const GARBAGE_TOKEN = 'garbage-token-9f8e7d6c';
const logLines: string[] = [];
const responses: string[] = [];
let h: Harness;

beforeAll(async () => {
  // BSS_QPS empty = unset: the gateway paces BSS as deployed, under the emulator's (the vendor's) limit.
  h = await startHarness({ logLines, env: { BSS_QPS: '' } });
});
afterAll(() => h?.close());

async function run(query: string, variables: Record<string, unknown>, as: As) {
  const res = await h.gql(query, variables, as);
  responses.push(JSON.stringify(res.body));
}

describe('secrets never leak', () => {
  it('no secret, token, key or signature in any log line or response', async () => {
    const ops = readdirSync('schema/operations').map((f) =>
      readFileSync(`schema/operations/${f}`, 'utf8'),
    );
    const variables = {
      iotIds: [DEMO_EXAMPLE.iotId, DEMO_DEVICES.aliceMany, DEMO_DEVICES.carolNoOrders],
      iotId: DEMO_EXAMPLE.iotId,
      first: 5,
      id: 'Q2xvdWRTdG9yYWdlT3JkZXI6WyJhIiwiYiJd',
      filter: { createdAfter: '2000-01-01T00:00:00Z' },
      input: {
        iotId: DEMO_EXAMPLE.iotId,
        commodityCode: 'streamingResource_20_10',
        copies: 1,
        orderId: 'nope',
        idempotencyKey: 'hygiene-1',
      },
    };
    for (const as of ['admin', { token: DEMO_EXAMPLE.token }, { token: GARBAGE_TOKEN }] as As[]) {
      for (const op of ops) await run(op, variables, as);
    }
    // Vendor faults of every kind, so error paths log too.
    for (const failWith of [
      { code: 503 },
      { httpStatus: 500 },
      { malformed: true },
      { drop: true },
      { code: 'Throttling.User' },
    ]) {
      await h.setFaults([{ failureRate: 1, failWith }]);
      for (const op of ops.slice(0, 3)) await run(op, variables, 'admin');
    }
    await h.setFaults([]);
    // Wrong credentials at the edge.
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'wrong-key-123456789' },
      body: '{"query":"{__typename}"}',
    });
    responses.push(await res.text());

    expect(logLines.length).toBeGreaterThan(10);
    const haystacks = { logs: logLines.join('\n'), responses: responses.join('\n') };
    const secrets = [
      APP.appSecret,
      ACCESS_KEY.accessKeySecret,
      ADMIN_KEY,
      DEMO_EXAMPLE.token,
      GARBAGE_TOKEN,
    ];
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets)
        expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
      expect(text, `a signature in ${where}`).not.toMatch(
        /x-ca-signature"?\s*[:=]\s*"?[A-Za-z0-9+/]{20,}/i,
      );
      expect(text, `an ACS3 signature in ${where}`).not.toMatch(/Signature=[0-9a-f]{64}/);
    }
  }, 60_000);
});
