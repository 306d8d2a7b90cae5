/**
 * A frontend on its own origin subscribes with the browser's plain `EventSource` (which sends no
 * header): headless Chromium mints a subscription ticket with the user's token, opens
 * `new EventSource(url)` on yoga's SSE GET protocol, and shows a purchase → pay journey's states as
 * they arrive (docs/subscriptions.md "From a browser's EventSource").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { launchChromium } from '../chromium.js';
import { operation, startHarness, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const device = DEMO_DEVICES.aliceExample;
const SUBSCRIPTION = /* GraphQL */ `
  subscription LiveOrder($iotId: String!) {
    orderUpdated(iotId: $iotId) {
      orderId
      paymentStatus
    }
  }
`;

/** The frontend: mints a ticket (the token goes in a header), then a plain EventSource. */
function page(config: object): string {
  return `<!doctype html>
<meta charset="utf-8"><title>live order</title>
<ol id="updates"></ol><p id="state">connecting</p>
<script type="application/json" id="config">${JSON.stringify(config)}</script>
<script type="module">
  const c = JSON.parse(document.getElementById('config').textContent);
  const minted = await fetch(c.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + c.token },
    body: JSON.stringify({ query: c.mint, variables: { input: { document: c.subscription } } }),
  }).then((r) => r.json());
  const url = new URL(c.gateway);
  url.searchParams.set('query', c.subscription);
  url.searchParams.set('variables', JSON.stringify({ iotId: c.iotId }));
  url.searchParams.set('ticket', minted.data.createSubscriptionTicket.ticket);
  const source = new EventSource(url);
  const state = document.getElementById('state');
  source.addEventListener('open', () => (state.textContent = 'open'));
  source.addEventListener('next', (e) => {
    const { orderId, paymentStatus } = JSON.parse(e.data).data.orderUpdated;
    const li = document.createElement('li');
    li.textContent = orderId + ' ' + paymentStatus;
    document.getElementById('updates').append(li);
  });
  // The stream is over: an EventSource left open would reconnect.
  source.addEventListener('complete', () => { source.close(); state.textContent = 'complete'; });
</script>`;
}

let h: Harness;
let app: Server;
let appOrigin: string;
let browser: Browser;
beforeAll(async () => {
  let html = '';
  app = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  h = await startHarness({
    env: { CORS_ORIGINS: appOrigin, SUBSCRIPTIONS_POLL_INTERVAL_MS: '500' },
  });
  html = page({
    gateway: h.url,
    token: alice.token,
    iotId: device,
    mint: operation('create-subscription-ticket'),
    subscription: SUBSCRIPTION,
  });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await new Promise((resolve) => app?.close(resolve));
});

describe('EventSource in Chromium', () => {
  it("shows a purchase, its payment and the vendor's settlement as UNPAID → PAYING → PAID", async () => {
    const tab = await browser.newPage();
    const requests: { url: string; headers: Record<string, string> }[] = [];
    tab.on(
      'request',
      (r) => void r.allHeaders().then((headers) => requests.push({ url: r.url(), headers })),
    );
    await tab.goto(appOrigin, { waitUntil: 'load' });
    const state = tab.locator('#state');
    await expect.poll(() => state.innerText(), { timeout: 20_000 }).toBe('open');
    const bought = await h.gql(
      operation('purchase-streaming-plan'),
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      alice,
    );
    const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
    const updates = tab.locator('#updates');
    await expect
      .poll(() => updates.innerText(), { timeout: 20_000 })
      .toContain(`${orderId} UNPAID`);
    const paid = await h.gql(
      operation('pay-streaming-order'),
      { input: { iotId: device, orderId } },
      alice,
    );
    expect(paid.body.data.payStreamingOrder.order.paymentStatus).toBe('PAYING');
    // PAYING from the pay write; PAID when the emulator settles it, which only the poller sees.
    await expect.poll(() => updates.innerText(), { timeout: 20_000 }).toContain(`${orderId} PAID`);
    expect(await tab.locator('#updates li').allInnerTexts()).toEqual([
      `${orderId} UNPAID`,
      `${orderId} PAYING`,
      `${orderId} PAID`,
    ]);
    // The stream went out without a credential header and with no token in its URL.
    const stream = requests.find((r) => r.headers['accept'] === 'text/event-stream');
    expect(stream?.url).toContain('ticket=');
    expect(stream?.url).not.toContain(alice.token);
    expect(stream?.headers['authorization']).toBeUndefined();
    expect(stream?.headers['origin']).toBe(appOrigin);
    expect(requests.every((r) => r.url.startsWith('http://127.0.0.1:'))).toBe(true);
    await tab.close();
  }, 60_000);
});
