/**
 * OpenTelemetry: one span per operation and, nested under it, one per vendor call attempt, with
 * the request id. A provider is registered in this file only (vitest isolates files).
 */
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { startHarness, type Harness } from '../harness.js';

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
