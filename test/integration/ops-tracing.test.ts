/**
 * OpenTelemetry: one span per operation and, nested under it, one per vendor call attempt, with
 * the request id. The provider registered here is unregistered after the file, so files run
 * after it in the same worker trace nothing.
 */
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { ADMIN_KEY, startHarness, type Harness } from '../harness.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let h: Harness;

beforeAll(async () => {
  provider.register();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

it('nests each vendor call under its operation span', async () => {
  const res = await h.gql(
    `query Orders { device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { totalCount } } }`,
  );
  expect(res.body.errors).toBeUndefined();
  const spans = exporter.getFinishedSpans();
  const operation = spans.find((s) => s.name === 'graphql Orders');
  expect(operation?.attributes['subgate.request_id']).toBe((res.body as any).extensions.requestId);
  const vendor = spans.find((s) => s.name === 'ilop /vision/customer/cloudstorage/order/query');
  expect(vendor?.attributes).toMatchObject({ 'subgate.outcome': 'ok', 'subgate.attempt': 1 });
  expect(vendor?.spanContext().traceId).toBe(operation?.spanContext().traceId);
  expect(vendor?.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
});

it("a deferred operation's span lasts until its last part, with the deferred calls under it", async () => {
  exporter.reset();
  const res = await fetch(h.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'multipart/mixed',
      'x-api-key': ADMIN_KEY,
    },
    body: JSON.stringify({
      query: `query Billing { device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 1) { edges { node { ... @defer { billingOrder { orderId } } } } } } }`,
    }),
  });
  expect(res.headers.get('content-type')).toContain('multipart/mixed');
  expect(await res.text()).toContain('"hasNext":false');
  const spans = exporter.getFinishedSpans();
  const operation = spans.find((s) => s.name === 'graphql Billing');
  const billing = spans.find((s) => s.name === 'bss GetOrderDetail');
  expect(billing?.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
  // Ended after the deferred BSS call it holds. The exporter lists spans in the order they
  // ended; their end times cannot say it, as each span anchors its clock to Date.now() (1 ms).
  expect(spans.indexOf(operation!)).toBeGreaterThan(spans.indexOf(billing!));
});
