/**
 * Subscription tickets over the wire (docs/subscriptions.md "From a browser's EventSource"): a
 * ticket minted with the usual header opens one subscription document over a GET SSE request
 * that carries no header, as a browser's EventSource sends it, and nothing else.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { manualClock, operation, startHarness, type As, type Harness } from '../harness.js';
import { eventSourceSubscribe, ticketUrl } from './live-clients.js';
import { sample, startReplica } from './ops-support.js';

const alice = { token: 'demo-token-alice' };
const device = DEMO_DEVICES.aliceExample;
const ORDER_UPDATED = operation('order-updated');
const MINT = operation('create-subscription-ticket');
const PURCHASE = operation('purchase-streaming-plan');
const BILLING_UPDATED = 'subscription { billingOrderUpdated { orderId } }';

const logLines: string[] = [];
/** Every ticket minted here: none may show in a log line. */
const minted: string[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    logLines,
    env: { SUBSCRIPTIONS_POLL_INTERVAL_MS: '250', SUBSCRIPTIONS_AUTH_RECHECK_MS: '1000' },
  });
});
afterAll(() => h?.close());
beforeEach(async () => {
  await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  await h.resetCalls();
});

type Gql = (query: string, variables: Record<string, unknown>, as: As) => Promise<any>;

/** The ticket `as` mints for `input` through `gql` (the harness's, or a replica's). */
async function mint(input: Record<string, unknown>, as: As = alice, gql: Gql = h.gql) {
  const res = await gql(MINT, { input }, as);
  const result = res.body.data.createSubscriptionTicket;
  if (result.__typename === 'SubscriptionTicket') minted.push(result.ticket);
  return result;
}

/** What an EventSource sends: a GET asking for a stream, without any credential header. */
function open(url: string, accept = 'text/event-stream') {
  const abort = new AbortController();
  return fetch(url, { headers: { accept }, signal: abort.signal }).then((res) => ({
    res,
    close: () => abort.abort(),
  }));
}

/** A request expected to be refused; one admitted instead is cut off, not read forever. */
async function refusal(url: string, init?: RequestInit) {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream' },
    ...init,
    signal: abort.signal,
  });
  if (res.ok) abort.abort();
  return { status: res.status, body: res.ok ? null : await res.json() };
}

describe('a subscription ticket', () => {
  it('opens orderUpdated from an EventSource (no header): a write arrives, and a token that stops working ends it with UNAUTHENTICATED', async () => {
    const { ticket, expiresAt } = await mint({ document: ORDER_UPDATED });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(50_000); // the 60 s default
    // Sealed: neither the token nor its base64 is in what goes into the URL.
    expect(ticket).not.toContain(alice.token);
    expect(ticket).not.toContain(Buffer.from(alice.token).toString('base64url').slice(0, 12));
    const stream = eventSourceSubscribe(ticketUrl(h.url, ORDER_UPDATED, { iotId: device }, ticket));
    try {
      await stream.opened;
      // As the user: the start's two reads of the device's orders, with her token.
      await expect.poll(async () => (await h.calls()).total).toBe(2);
      const bought = await h.gql(
        PURCHASE,
        { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
        alice,
      );
      const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
      expect((await stream.next()).data.orderUpdated).toMatchObject({
        orderId,
        paymentStatus: 'UNPAID',
      });
      const state = await h.state();
      for (const u of state.users) if (u.iotToken === alice.token) u.iotToken = 'renewed-alice';
      await h.setState(state);
      const last = await stream.next(5_000);
      expect(last.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(await stream.ended).toEqual({});
    } finally {
      stream.close();
    }
  });

  it('opens a trusted document by its id, sent as extensions.persistedQuery', async () => {
    const manifest = (await import('../../schema/generated/persisted-documents.json')).default;
    const id = Object.keys(manifest).find((k) =>
      (manifest as Record<string, string>)[k]!.startsWith('subscription OrderUpdated'),
    )!;
    const { ticket } = await mint({ documentId: id }, 'admin');
    const url = new URL(h.url);
    url.searchParams.set('variables', JSON.stringify({ iotId: device }));
    url.searchParams.set(
      'extensions',
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id.slice(7) } }),
    );
    url.searchParams.set('ticket', ticket);
    const stream = eventSourceSubscribe(url.href);
    try {
      await stream.opened;
      await expect
        .poll(async () => sample(await h.metrics(), 'subgate_subscriptions_open'))
        .toBe(1);
    } finally {
      stream.close();
    }
    expect(await mint({ documentId: 'sha256:0000' })).toEqual({
      __typename: 'ValidationError',
      field: 'input.documentId',
      rule: 'must be the id of a trusted document',
    });
  });

  it('opens on every replica with the same configuration, and on none with another SUBSCRIPTIONS_TICKET_SECRET', async () => {
    const same = await startReplica(h.emulatorUrl);
    const other = await startReplica(h.emulatorUrl, {
      SUBSCRIPTIONS_TICKET_SECRET: 'another-ticket-secret-0123456789abcdef',
    });
    try {
      const { ticket } = await mint({ document: ORDER_UPDATED });
      const url = (base: string) => ticketUrl(base, ORDER_UPDATED, { iotId: device }, ticket);
      const stream = await open(url(same.url));
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
      stream.close();
      expect(await refusal(url(other.url))).toMatchObject({
        status: 401,
        body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
      });
    } finally {
      await same.close();
      await other.close();
    }
  });

  it('expires after SUBSCRIPTIONS_TICKET_TTL_MS', async () => {
    const clock = manualClock();
    const r = await startReplica(
      h.emulatorUrl,
      { SUBSCRIPTIONS_TICKET_TTL_MS: '5000' },
      undefined,
      clock.now,
    );
    try {
      const { ticket, expiresAt } = await mint({ document: ORDER_UPDATED }, alice, r.gql);
      expect(Date.parse(expiresAt)).toBe(clock.now() + 5000);
      const url = ticketUrl(r.url, ORDER_UPDATED, { iotId: device }, ticket);
      clock.advance(4999);
      const stream = await open(url);
      expect(stream.res.status).toBe(200);
      stream.close();
      clock.advance(1);
      const { status, body } = await refusal(url);
      expect(status).toBe(401);
      expect(body.errors[0]).toMatchObject({
        message: 'The subscription ticket has expired: mint a new one.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      await r.close();
    }
  });

  it('refuses a ticket for another document, and a tampered one, before any vendor call', async () => {
    const { ticket } = await mint({ document: ORDER_UPDATED }, 'admin');
    const other = await refusal(ticketUrl(h.url, BILLING_UPDATED, {}, ticket));
    expect(other.status).toBe(401);
    expect(other.body.errors[0].message).toBe(
      'The subscription ticket was minted for another document.',
    );
    // Bound to the exact text: the same operation spelled otherwise is another document.
    const respelled = await refusal(
      ticketUrl(h.url, ORDER_UPDATED.replace('orderId', 'orderId '), { iotId: device }, ticket),
    );
    expect(respelled.status).toBe(401);
    // Any one character changed: the version, the sealed bytes (their tag fails), or the last
    // character's unused bits (not canonical base64url).
    for (let at = 0; at < ticket.length; at++) {
      const flipped = ticket.slice(0, at) + (ticket[at] === 'A' ? 'B' : 'A') + ticket.slice(at + 1);
      const tampered = await refusal(ticketUrl(h.url, ORDER_UPDATED, { iotId: device }, flipped));
      expect(tampered.status).toBe(401);
      expect(tampered.body.errors[0].message).toBe(
        'The subscription ticket is not valid: mint a new one.',
      );
    }
    expect((await h.calls()).total).toBe(0);
  });

  it('opens nothing but a GET SSE subscription: no query, mutation, POST or plain JSON GET', async () => {
    // A query or mutation document gets no ticket at all.
    for (const document of [
      operation('device-dashboard'),
      PURCHASE,
      `${ORDER_UPDATED}\nquery Q { __typename }`,
    ]) {
      expect(await mint({ document })).toEqual({
        __typename: 'ValidationError',
        field: 'input.document',
        rule: 'must hold subscription operations only',
      });
    }
    expect(await mint({})).toMatchObject({ field: 'input.document' });
    const { ticket } = await mint({ document: ORDER_UPDATED });
    const onlyStreams =
      'A subscription ticket opens a subscription only: a GET request with "Accept: text/event-stream" (an EventSource).';
    // A POST asking for a stream, with the ticket's own document in the URL (what the ticket is
    // checked against) and a mutation in the body (what yoga would run): refused.
    const post = await refusal(ticketUrl(h.url, ORDER_UPDATED, { iotId: device }, ticket), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: PURCHASE,
        variables: {
          input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 },
        },
      }),
    });
    expect(post).toMatchObject({ status: 401, body: { errors: [{ message: onlyStreams }] } });
    // Its own document over a GET that asks for JSON, not a stream: refused.
    const json = await open(
      ticketUrl(h.url, ORDER_UPDATED, { iotId: device }, ticket),
      'application/json',
    );
    expect(json.res.status).toBe(401);
    expect((await json.res.json()).errors[0].message).toBe(onlyStreams);
    // A query over GET with the ticket: another document.
    const query = await refusal(ticketUrl(h.url, '{ __typename }', {}, ticket));
    expect(query.status).toBe(401);
    expect((await h.calls()).total).toBe(0);
  });

  it('never appears in a log line, nor does the token it holds', async () => {
    expect(minted.length).toBeGreaterThanOrEqual(6);
    expect(logLines.some((l) => l.includes('"graphql request"'))).toBe(true);
    const logs = logLines.join('\n');
    for (const ticket of minted) expect(logs.includes(ticket), 'a ticket in the logs').toBe(false);
    expect(logs).not.toContain('ticket=');
    expect(logs).not.toContain(alice.token);
  });
});
