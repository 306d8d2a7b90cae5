/**
 * The billing index's Redis row (layout 2, docs/billing-index.md "In Redis"): an order's list
 * fields as a few dozen bytes, so a bucket of orders stays in Redis's compact listpack encoding
 * (values ≤ 64 bytes by default). Built from codec.ts's typed row (the one mapping of an order's
 * fields); strings with few values (product codes, currencies) are dictionary codes, numbers and
 * digit strings are packed.
 *
 * Bytes: [0, 7) the order's combo (payment status, order type, subscription type, product code,
 * product type: what `billingOrders` filters on; the time index keeps one sorted set per combo);
 * [7, 15) commodity code and the three currencies (uint16 dictionary codes, 0 = null); [15, 27)
 * CreateTime and PaymentTime (uint48 epoch ms, all ones = null); then RelatedOrderId and the five
 * amounts as packed strings (an amount equal to an earlier one is a one-byte reference).
 */
import type { BillingOrder } from '../domain/billing-order.js';
import { fromRow, toRow, type OrderRow } from './codec.js';

/** Strings ↔ codes, shared by every replica (redis-dictionary.ts); codes are never reused. */
export interface Dictionary {
  /** The code of a string already interned. */
  code(value: string): number;
  /** The string of a code already loaded. */
  value(code: number): string;
}

/** Row positions (codec.ts ORDER_COLUMNS) by role. */
const RELATED = 1;
const PRODUCT_CODE = 2;
const PRODUCT_TYPE = 3;
const COMMODITY = 4;
const SUBSCRIPTION = 5;
const ORDER_TYPE = 6;
const STATUS = 7;
const CREATED = 8;
const PAID = 9;
/** currency, payment_currency, amount_currency */
const CURRENCIES = [10, 11, 12];
/** pretax, pretax_gross, pretax_local, after_tax, tax */
const AMOUNTS = [13, 14, 15, 16, 17];

/** The row's dictionary-coded strings (codes at fixed offsets). */
const CODED: [column: number, offset: number][] = [
  [PRODUCT_CODE, 3],
  [PRODUCT_TYPE, 5],
  [COMMODITY, 7],
  ...CURRENCIES.map((c, i): [number, number] => [c, 9 + 2 * i]),
];

export const COMBO_BYTES = 7;
const FIXED_BYTES = 27;
const NO_TIME = 2 ** 48 - 1;

/** Packed strings: a length byte, then two characters a byte from this alphabet (0 pads). */
const ALPHABET = '-.0123456789';
const NULL = 0xff;
/** `REF + k`: the same value as amount k. */
const REF = 0xf0;
/** A string outside the alphabet: this byte, its byte length, its UTF-8 bytes. */
const RAW = 0xfe;

const packable = (s: string) => s.length < REF && /^[-.0-9]*$/.test(s);

function writeString(out: number[], s: string) {
  if (!packable(s)) {
    const bytes = Buffer.from(s, 'utf8');
    if (bytes.length > 255) throw new RangeError('billing index: a string over 255 bytes');
    out.push(RAW, bytes.length, ...bytes);
    return;
  }
  out.push(s.length);
  for (let i = 0; i < s.length; i += 2) {
    const hi = ALPHABET.indexOf(s[i]!) + 1;
    const lo = i + 1 < s.length ? ALPHABET.indexOf(s[i + 1]!) + 1 : 0;
    out.push((hi << 4) | lo);
  }
}

function readString(buf: Buffer, at: number): [string, number] {
  const head = buf[at]!;
  if (head === RAW) {
    const len = buf[at + 1]!;
    return [buf.toString('utf8', at + 2, at + 2 + len), at + 2 + len];
  }
  let s = '';
  for (let i = 0; i < head; i++) {
    const byte = buf[at + 1 + (i >> 1)]!;
    s += ALPHABET[((i & 1 ? byte : byte >> 4) & 0x0f) - 1];
  }
  return [s, at + 1 + ((head + 1) >> 1)];
}

const code = (v: string | number | null) => (v === null ? 0 : (v as number) + 1);
const uncode = (byte: number) => (byte === 0 ? null : byte - 1);

/** The row's strings that go through the dictionary (to intern before encoding). */
export function dictionaryStrings(order: BillingOrder): string[] {
  const row = toRow(order);
  return CODED.map(([c]) => row[c]).filter((v): v is string => v !== null);
}

/** The dictionary codes a stored row refers to (to load before decoding). */
export function dictionaryCodes(row: Buffer): number[] {
  return CODED.map(([, at]) => row.readUInt16BE(at)).filter((c) => c !== 0);
}

export function encodeRow(order: BillingOrder, dict: Dictionary): Buffer {
  const row = toRow(order);
  const head = Buffer.alloc(FIXED_BYTES);
  head[0] = code(row[STATUS]!);
  head[1] = code(row[ORDER_TYPE]!);
  head[2] = code(row[SUBSCRIPTION]!);
  for (const [c, at] of CODED) {
    const v = row[c] as string | null;
    head.writeUInt16BE(v === null ? 0 : dict.code(v), at);
  }
  head.writeUIntBE((row[CREATED] as number | null) ?? NO_TIME, 15, 6);
  head.writeUIntBE((row[PAID] as number | null) ?? NO_TIME, 21, 6);
  const tail: number[] = [];
  const related = row[RELATED] as string | null;
  if (related === null) tail.push(NULL);
  else writeString(tail, related);
  const amounts = AMOUNTS.map((c) => row[c] as string | null);
  amounts.forEach((a, i) => {
    const same = amounts.indexOf(a);
    if (a === null) tail.push(NULL);
    else if (same < i) tail.push(REF + same);
    else writeString(tail, a);
  });
  return Buffer.concat([head, Buffer.from(tail)]);
}

const blankRow = (orderId: string): OrderRow => {
  const row: OrderRow = new Array(AMOUNTS[4]! + 1).fill(null);
  row[0] = orderId;
  return row;
};

/** The combo's fields (its first COMBO_BYTES) into a row. */
function readCombo(buf: Buffer, row: OrderRow, dict: Dictionary) {
  row[STATUS] = uncode(buf[0]!);
  row[ORDER_TYPE] = uncode(buf[1]!);
  row[SUBSCRIPTION] = uncode(buf[2]!);
  for (const [c, at] of CODED.slice(0, 2)) {
    const v = buf.readUInt16BE(at);
    row[c] = v === 0 ? null : dict.value(v);
  }
}

export function decodeRow(orderId: string, buf: Buffer, dict: Dictionary): BillingOrder {
  const row = blankRow(orderId);
  readCombo(buf, row, dict);
  for (const [c, at] of CODED.slice(2)) {
    const v = buf.readUInt16BE(at);
    row[c] = v === 0 ? null : dict.value(v);
  }
  const time = (at: number) => {
    const t = buf.readUIntBE(at, 6);
    return t === NO_TIME ? null : t;
  };
  row[CREATED] = time(15);
  row[PAID] = time(21);
  let at = FIXED_BYTES;
  const next = () => {
    const head = buf[at]!;
    if (head === NULL) {
      at++;
      return null;
    }
    if (head >= REF && head < RAW) {
      at++;
      return row[AMOUNTS[head - REF]!] as string;
    }
    const [s, end] = readString(buf, at);
    at = end;
    return s;
  };
  row[RELATED] = next();
  for (const c of AMOUNTS) row[c] = next();
  return fromRow(row);
}

/** The combo of a stored row: its first COMBO_BYTES, as the hex in its sorted set's key. */
export const comboOf = (row: Buffer) => row.toString('hex', 0, COMBO_BYTES);

/** The product codes a combo names (to load before comboFields). */
export const comboCodes = (combo: string) => {
  const buf = Buffer.from(combo, 'hex');
  return CODED.slice(0, 2)
    .map(([, at]) => buf.readUInt16BE(at))
    .filter((c) => c !== 0);
};

/** A combo's filter fields as an order's (the rest null), to match against a filter. */
export const comboFields = (combo: string, dict: Dictionary): BillingOrder => {
  const row = blankRow('');
  readCombo(Buffer.from(combo, 'hex'), row, dict);
  return fromRow(row);
};

/**
 * An OrderId as a sorted-set member and hash field: digits two a byte (BSS's ids are digit
 * strings; 15 digits are 8 bytes), in an order that keeps the ids' string order, which ties of
 * one CreateTime follow (docs/billing-index.md). Any other id: a zero byte, then its UTF-8.
 */
export function packId(id: string): Buffer {
  if (!/^[0-9]{1,64}$/.test(id)) return Buffer.concat([Buffer.from([0]), Buffer.from(id)]);
  const out = Buffer.alloc((id.length + 1) >> 1);
  for (let i = 0; i < id.length; i += 2) {
    const hi = id.charCodeAt(i) - 47;
    const lo = i + 1 < id.length ? id.charCodeAt(i + 1) - 47 : 0;
    out[i >> 1] = (hi << 4) | lo;
  }
  return out;
}

export function unpackId(buf: Buffer): string {
  if (buf[0] === 0) return buf.toString('utf8', 1);
  let s = '';
  for (const byte of buf) {
    s += String.fromCharCode(47 + (byte >> 4));
    if (byte & 0x0f) s += String.fromCharCode(47 + (byte & 0x0f));
  }
  return s;
}
