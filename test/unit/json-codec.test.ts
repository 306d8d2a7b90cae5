/**
 * Each domain type's JSON codec (used by the vendor cache and the idempotency replay) brings back
 * every Date its values hold. The codec's type already demands each Date field; this checks the
 * decoding itself, on samples that set every field.
 */
import { describe, expect, it } from 'vitest';
import { billingOrderCodec } from '../../src/domain/billing-order.js';
import {
  cloudStorageOrderCodec,
  type CloudStorageOrder,
} from '../../src/domain/cloud-storage-order.js';
import { date, nullable, objectCodec, type JsonCodec } from '../../src/domain/json-codec.js';
import { pageOf } from '../../src/domain/page.js';
import { streamingOrderCodec } from '../../src/domain/streaming-order.js';
import { billingOrder, cloudStorageOrder, streamingOrder } from './domain-samples.js';

const page = <T>(item: T) => ({ offset: 0, pageSize: 50, total: 1, items: [item] });

const cases: [string, JsonCodec<unknown>, unknown][] = [
  ['CloudStorageOrder', cloudStorageOrderCodec, cloudStorageOrder],
  ['StreamingOrder', streamingOrderCodec, streamingOrder],
  ['BillingOrder', billingOrderCodec, billingOrder],
  ['Page<CloudStorageOrder>', pageOf(cloudStorageOrderCodec), page(cloudStorageOrder)],
  ['Page<StreamingOrder>', pageOf(streamingOrderCodec), page(streamingOrder)],
  ['Page<BillingOrder>', pageOf(billingOrderCodec), page(billingOrder)],
  ['BillingOrder | null', nullable(billingOrderCodec), billingOrder],
];

/** Every Date in a value, by its path. */
function datesIn(value: unknown, path = '$'): [string, Date][] {
  if (value instanceof Date) return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => datesIn(v, `${path}.${k}`));
}

const at = (value: unknown, path: string) =>
  path
    .split('.')
    .slice(1)
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);

describe('domain JSON codecs', () => {
  for (const [name, codec, sample] of cases) {
    it(`${name}: every Date survives a JSON round trip as a Date`, () => {
      const decoded = codec.decode(JSON.parse(JSON.stringify(sample)));
      const dates = datesIn(sample);
      expect(dates.length).toBeGreaterThan(0);
      for (const [path, d] of dates) {
        const back = at(decoded, path);
        expect(back, path).toBeInstanceOf(Date);
        expect((back as Date).getTime(), path).toBe(d.getTime());
        expect((back as Date).toISOString(), path).toBe(d.toISOString());
      }
      expect(decoded).toEqual(sample);
    });
  }

  it('samples set every field, so no Date field hides behind a null', () => {
    for (const sample of [
      cloudStorageOrder,
      streamingOrder,
      billingOrder,
      ...billingOrder.subOrders,
    ]) {
      expect(Object.entries(sample).filter(([, v]) => v === null || v === undefined)).toEqual([]);
    }
  });

  it('keeps null dates null and revives a date JSON.stringify did not write as a plain Date', () => {
    const codec = objectCodec<{ at: Date | null }>({ at: date });
    expect(codec.decode({ at: null })).toEqual({ at: null });
    const offset = codec.decode({ at: '2026-01-01T08:00:00+08:00' }).at!;
    expect(offset.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(nullable(cloudStorageOrderCodec).decode(null)).toBeNull();
  });

  it('a codec that leaves out a Date field is a type error (npm run typecheck), and decodes a string', () => {
    // @ts-expect-error endTime holds a Date: the codec's type demands it. vitest does not
    // typecheck: tsc does (npm run typecheck), and fails on an unused @ts-expect-error.
    const partial = objectCodec<CloudStorageOrder>({ startTime: date });
    const decoded = partial.decode(JSON.parse(JSON.stringify(cloudStorageOrder)));
    // What the type error prevents: the field left as the wire's string.
    expect(decoded.startTime).toEqual(cloudStorageOrder.startTime);
    expect(decoded.endTime).toBe(cloudStorageOrder.endTime!.toISOString());
  });
});
