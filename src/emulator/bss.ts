import { formatUtc, parseUtc } from './clock.js';
import type { BillingOrder } from './dataset-schema.js';
import { BssFailure } from './bss-errors.js';
import type { Store } from './state.js';

// BSS OpenAPI 2017-12-14: QueryOrders (docs/vendors.md#queryorders) and GetOrderDetail (docs/vendors.md#bss).

export const BSS_VERSION = '2017-12-14';
export const BSS_HOST_NAME = 'subgate-emulator';
const MAX_PAGE_SIZE = 100;
const HOUR = 3_600_000;

const QUERY_FIELDS = [
  'OrderId',
  'RelatedOrderId',
  'CreateTime',
  'PaymentTime',
  'ProductCode',
  'ProductType',
  'CommodityCode',
  'SubscriptionType',
  'OrderType',
  'PaymentStatus',
  'Currency',
  'PaymentCurrency',
  'PretaxGrossAmount',
  'PretaxAmount',
  'Tax',
  'AfterTaxAmount',
  'PretaxAmountLocal',
] as const;

/** The QueryOrders shape of an order: the QueryOrders document fields present on the record (SubOrders left out). */
function orderWire(order: BillingOrder): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const field of QUERY_FIELDS) {
    const value = order[field];
    if (value !== undefined) out[field] = value;
  }
  // Extra fields pasted from a real response travel along, as strings.
  for (const [key, value] of Object.entries(order)) {
    if (key !== 'SubOrders' && !(key in out) && (typeof value === 'string' || value === null))
      out[key] = value;
  }
  return out;
}

function positiveInt(
  params: Map<string, string>,
  name: string,
  fallback: number,
  max?: number,
): number {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
    throw new BssFailure(
      'InvalidParameter',
      `The specified parameter ${name} is not valid: expected an integer from 1${max === undefined ? '' : ` to ${max}`}.`,
    );
  }
  return value;
}

function time(params: Map<string, string>, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return undefined;
  const at = parseUtc(raw);
  if (at === undefined) {
    throw new BssFailure(
      'InvalidParameter',
      `The specified parameter ${name} is not valid: expected yyyy-MM-ddTHH:mm:ssZ (UTC).`,
    );
  }
  return at;
}

function envelope(requestId: string, data: unknown) {
  return {
    RequestId: requestId,
    Success: true,
    Code: 'Success',
    Message: 'Successful!',
    Data: data,
  };
}

function queryOrders(params: Map<string, string>, store: Store, now: number, requestId: string) {
  const pageNum = positiveInt(params, 'PageNum', 1);
  const pageSize = positiveInt(params, 'PageSize', 20, MAX_PAGE_SIZE);
  let start = time(params, 'CreateTimeStart');
  let end = time(params, 'CreateTimeEnd');
  // The QueryOrders document: with neither bound, the last hour. With one bound (a guess): up to now, or the hour before it.
  if (start === undefined && end === undefined) {
    end = now;
    start = now - HOUR;
  } else if (end === undefined) end = now;
  else if (start === undefined) start = end - HOUR;
  const from = formatUtc(start ?? 0);
  const to = formatUtc(end);
  const filters = (
    ['ProductCode', 'ProductType', 'SubscriptionType', 'OrderType', 'PaymentStatus'] as const
  )
    .map((name) => [name, params.get(name)] as const)
    .filter((f): f is readonly [(typeof f)[0], string] => f[1] !== undefined && f[1] !== '');
  const own = store
    .billingOrdersNewestFirst()
    .filter(
      (o) => o.CreateTime >= from && o.CreateTime <= to && filters.every(([k, v]) => o[k] === v),
    );
  const generated = generatedMatches(store, start ?? 0, end, filters);
  const offset = (pageNum - 1) * pageSize;
  return envelope(requestId, {
    HostName: BSS_HOST_NAME,
    PageNum: pageNum,
    PageSize: pageSize,
    TotalCount: own.length + generated.length,
    OrderList: { Order: mergedPage(own, generated, offset, pageSize).map(orderWire) },
  });
}

/** QueryOrders' order: newest first, ties by OrderId descending. */
const before = (a: BillingOrder, b: BillingOrder) =>
  a.CreateTime !== b.CreateTime ? a.CreateTime > b.CreateTime : a.OrderId > b.OrderId;

/** A list read by position (the generated account is never materialised unfiltered). */
interface Listed {
  length: number;
  at(i: number): BillingOrder;
}

function generatedMatches(
  store: Store,
  from: number,
  to: number,
  filters: readonly (readonly [keyof BillingOrder, string])[],
): Listed {
  const generated = store.generatedBillingOrders();
  if (!generated) return { length: 0, at: () => undefined as never };
  const [lo, hi] = generated.range(from, to);
  if (filters.length === 0) return { length: hi - lo, at: (i) => generated.order(lo + i) };
  // Filtered: the window's orders compared one by one, as the dataset's own are.
  const kept: BillingOrder[] = [];
  for (let i = lo; i < hi; i++) {
    const order = generated.order(i);
    if (filters.every(([k, v]) => order[k] === v)) kept.push(order);
  }
  return { length: kept.length, at: (i) => kept[i]! };
}

/** `size` orders from `offset` of the two newest-first lists merged, without merging the rest. */
function mergedPage(own: BillingOrder[], gen: Listed, offset: number, size: number) {
  if (offset >= own.length + gen.length) return [];
  // The first `offset` merged orders hold k generated ones: the least k whose next generated
  // order comes after the own order before the cut.
  let lo = Math.max(0, offset - own.length);
  let hi = Math.min(offset, gen.length);
  while (lo < hi) {
    const k = (lo + hi) >> 1;
    if (k === gen.length || offset - k === 0 || before(own[offset - k - 1]!, gen.at(k))) hi = k;
    else lo = k + 1;
  }
  const out: BillingOrder[] = [];
  for (let g = lo, o = offset - lo; out.length < size && (g < gen.length || o < own.length);) {
    if (o < own.length && (g >= gen.length || before(own[o]!, gen.at(g)))) out.push(own[o++]!);
    else out.push(gen.at(g++));
  }
  return out;
}

function getOrderDetail(params: Map<string, string>, store: Store, requestId: string) {
  const orderId = params.get('OrderId');
  if (!orderId)
    throw new BssFailure(
      'MissingParameter',
      'The input parameter "OrderId" that is mandatory for processing this request is not supplied.',
    );
  const order = store.billingOrder(orderId);
  // Guess: an unknown OrderId is an empty success, not an error.
  const subOrders = !order
    ? []
    : (
        order.SubOrders ?? [
          {
            SubOrderId: order.OrderId,
            OrderSubType: order.OrderType,
            UsageStartTime: '',
            UsageEndTime: '',
            Quantity: '1',
            Region: 'cn-shanghai',
            InstanceIDs: '',
            Operator: '',
            Config: '',
          },
        ]
      ).map((sub) => ({ ...orderWire(order), ...sub }));
  return envelope(requestId, {
    HostName: BSS_HOST_NAME,
    PageNum: 1,
    PageSize: Math.max(20, subOrders.length),
    TotalCount: subOrders.length,
    OrderList: { Order: subOrders },
  });
}

/** One BSS call that passed signature verification: the success body, or a BssFailure thrown. */
export function handleBss(
  action: string,
  version: string | undefined,
  params: Map<string, string>,
  store: Store,
  now: number,
  requestId: string,
): unknown {
  if (version !== undefined && version !== BSS_VERSION) {
    throw new BssFailure(
      'InvalidVersion',
      `Specified parameter Version is not valid: this API is ${BSS_VERSION}.`,
      400,
    );
  }
  if (action === 'QueryOrders') return queryOrders(params, store, now, requestId);
  if (action === 'GetOrderDetail') return getOrderDetail(params, store, requestId);
  throw new BssFailure(
    'InvalidAction.NotFound',
    `Specified api ${action} is not found, please check your url and method.`,
  );
}
