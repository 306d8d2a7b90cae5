/**
 * Subscription documents meet what queries meet, on both transports: trusted documents under
 * GATEWAY_TRUSTED_DOCUMENTS=only (a user's ad-hoc subscription refused, the manifest's by id runs)
 * and the operation limits, before any vendor call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderUpdatedDocument } from '../../schema/generated/graphql.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { authHeaders, startHarness, type As, type Harness } from '../harness.js';
import { wsSubscribe, type Stream } from './live-clients.js';
import { sample } from './ops-support.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const alice = { token: 'demo-token-alice' };
const iotId = DEMO_DEVICES.aliceExample;
const hash = (OrderUpdatedDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const AD_HOC = `subscription { orderUpdated(iotId: "${iotId}") { orderId } }`;
const TOO_DEEP = `subscription { orderUpdated(iotId: "${iotId}") { device { cloudStorageOrders { edges { node { orderId } } } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { GATEWAY_TRUSTED_DOCUMENTS: 'only', GATEWAY_MAX_DEPTH: '4' } });
});
afterAll(() => h?.close());

/** An SSE request's refusal: yoga answers JSON before any stream starts. */
async function sse(body: unknown, as: As) {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...authHeaders(as),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/**
 * How graphql-ws told the refusal: an `error` message, or (yoga answered the stream with one
 * errors-only result) a `next` then `complete`; either way the stream ends with the code.
 */
async function refusal(stream: Stream): Promise<string> {
  const { error } = await stream.ended;
  return JSON.stringify({ error, results: stream.results });
}

describe('subscription documents', () => {
  it("refuse a user's ad-hoc subscription under `only`, over SSE and graphql-ws, with no vendor call", async () => {
    await h.resetCalls();
    const bySse = await sse({ query: AD_HOC }, alice);
    expect(bySse.text).toContain('TRUSTED_DOCUMENTS_ONLY');
    const byWs = wsSubscribe(h.url, AD_HOC, {}, alice);
    expect(await refusal(byWs)).toContain('TRUSTED_DOCUMENTS_ONLY');
    expect((await h.calls()).total).toBe(0);
  });

  it('refuse a subscription over the depth limit, over SSE and graphql-ws', async () => {
    expect((await sse({ query: TOO_DEEP }, 'admin')).text).toContain('QUERY_TOO_COMPLEX');
    const byWs = wsSubscribe(h.url, TOO_DEEP, {}, 'admin');
    expect(await refusal(byWs)).toContain('QUERY_TOO_COMPLEX');
  });

  it("run the manifest's subscription by id over graphql-ws (the hash in extensions)", async () => {
    const client = createClient({
      url: h.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authHeaders(alice),
      retryAttempts: 0,
    });
    const updates: unknown[] = [];
    const dispose = client.subscribe(
      {
        query: '',
        variables: { iotId },
        extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
      },
      {
        next: (r) => updates.push(r),
        error: (e) => updates.push({ error: e }),
        complete: () => {},
      },
    );
    try {
      await expect
        .poll(async () => sample(await h.metrics(), 'subgate_subscriptions_open'))
        .toBe(1);
      // Admin keys may send ad-hoc documents under `only`.
      await h.gql(
        `mutation { purchaseStreamingPlan(input: { iotId: "${iotId}", commodityCode: "streamingResource_20_10", copies: 1 }) { __typename } }`,
      );
      await expect.poll(() => updates.length).toBe(1);
      expect(updates[0]).toMatchObject({
        data: { orderUpdated: { __typename: 'StreamingOrder', iotId, paymentStatus: 'UNPAID' } },
      });
    } finally {
      dispose();
      await client.dispose();
    }
  });

  it('answer a subscription sent as a plain JSON request with a coded 406, its place freed', async () => {
    const open = async () => sample(await h.metrics(), 'subgate_subscriptions_open');
    await expect.poll(open).toBe(0); // the other tests' streams have closed
    const res = await h.gql(AD_HOC, {}, 'admin');
    expect(res.status).toBe(406);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await open()).toBe(0);
  });
});
