/**
 * GraphiQL in a real browser: headless Chromium loads /graphql, runs the example query and shows
 * data, with no request leaving loopback (the page is served from the package, no CDN).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { launchChromium } from '../chromium.js';
import { startHarness, type Harness } from '../harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({
    graphiql: {
      headers: { Authorization: `Bearer ${DEMO_EXAMPLE.token}` },
      exampleIotId: DEMO_EXAMPLE.iotId,
    },
  });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('GraphiQL', () => {
  it('runs the example query in Chromium and shows data, all on loopback', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(h.url, { waitUntil: 'load' });
    // Monaco loads after the page: run once the editor shows the example.
    const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines').first();
    await expect.poll(() => editor.innerText(), { timeout: 20_000 }).toContain('DeviceDashboard');
    const answered = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        r.request().postData()?.includes('DeviceDashboard') === true,
      { timeout: 20_000 },
    );
    // The example holds a query and a mutation: GraphiQL asks which to run.
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    await page.getByRole('menuitem', { name: 'DeviceDashboard' }).click({ timeout: 20_000 });
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.device.iotId).toBe(DEMO_EXAMPLE.iotId);
    expect(body.data.streamingPlans.length).toBeGreaterThan(0);
    // And the person sees it: the result pane shows the device.
    const response = page.locator('.graphiql-response');
    await expect
      .poll(() => response.innerText(), { timeout: 20_000 })
      .toContain(DEMO_EXAMPLE.iotId);
    const external = requested.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u));
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a deferred fragment as it arrives (incremental delivery)', async () => {
    const page = await browser.newPage();
    const query = `query Deferred { device(iotId: "${DEMO_EXAMPLE.iotId}") { iotId ... @defer(label: "orders") { cloudStorageOrders(first: 1) { totalCount } } } }`;
    // A shared link: GraphiQL opens with the query from the URL instead of the example (typing
    // into the editor races Monaco's loading).
    await page.goto(`${h.url}?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines').first();
    await expect.poll(() => editor.innerText(), { timeout: 20_000 }).toContain('Deferred');
    const answered = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' && r.request().postData()?.includes('Deferred') === true,
      { timeout: 20_000 },
    );
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    const response = await answered;
    // GraphiQL asked for, and got, the parts of an incremental answer.
    expect(response.request().headers()['accept']).toContain('multipart/mixed');
    expect(response.headers()['content-type']).toContain('multipart/mixed');
    // The person sees the deferred part merged into the result.
    const pane = page.locator('.graphiql-response');
    await expect.poll(() => pane.innerText(), { timeout: 20_000 }).toContain('totalCount');
    expect(await pane.innerText()).toContain(DEMO_EXAMPLE.iotId);
    await page.close();
  }, 60_000);

  it('runs a subscription over SSE and shows each update as it arrives', async () => {
    const page = await browser.newPage();
    const query = `subscription Live { orderUpdated(iotId: "${DEMO_EXAMPLE.iotId}") { orderId paymentStatus } }`;
    await page.goto(`${h.url}?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines').first();
    await expect.poll(() => editor.innerText(), { timeout: 20_000 }).toContain('Live');
    // GraphiQL subscribes with a GET (the document in the URL) over fetch, its headers included.
    const streaming = page.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().includes('operationName=Live'),
      { timeout: 20_000 },
    );
    await page.locator('.graphiql-execute-button').click({ timeout: 20_000 });
    expect((await streaming).headers()['content-type']).toContain('text/event-stream');
    await expect
      .poll(async () =>
        (await h.metrics()).includes('subgate_subscriptions_open{transport="sse"} 1'),
      )
      .toBe(true);
    const bought = await h.gql(
      `mutation { purchaseStreamingPlan(input: { iotId: "${DEMO_EXAMPLE.iotId}", commodityCode: "streamingResource_20_10", copies: 1 }) { ... on PurchaseStreamingPlanPayload { order { orderId } } } }`,
      {},
      { token: DEMO_EXAMPLE.token },
    );
    const orderId = bought.body.data.purchaseStreamingPlan.order.orderId as string;
    const pane = page.locator('.graphiql-response');
    await expect.poll(() => pane.innerText(), { timeout: 20_000 }).toContain(orderId);
    expect(await pane.innerText()).toContain('UNPAID');
    await page.close();
  }, 60_000);
});
