/**
 * useBudgets: each caller's vendor calls over time, from a leaky bucket of points per caller
 * (src/budgets/, docs/budgets.md). Options:
 * - `config`: on/off and each caller class's bucket size and restore rate (GATEWAY_BUDGET_*);
 * - `store`: where the buckets live (in process, or on Redis for the whole fleet);
 * - `schema`: what the fan-out estimate reads field costs from;
 * - `maxCost`: GATEWAY_MAX_COST; an operation above it is refused by that limit, at no charge;
 * - `viewers`: the authentication plugin's viewer per request (the bucket's key and class);
 * - `metrics` (optional): charges, refunds, refusals, fill by caller class.
 *
 * A request is charged its operations' estimated cost (the fan-out estimate, the same number the
 * GATEWAY_MAX_COST limit checks) once it is parsed, before any operation runs: the whole batch, or
 * nothing (429 RATE_LIMITED with Retry-After, no vendor call). Each operation, once it has run,
 * gets back its estimate minus the vendor calls it sent, so the charge ends at the calls made
 * (cache hits are free; more calls than estimated are charged, into debt). Each result carries
 * `extensions.cost` (Shopify's shape) and `Query.rateLimit` reads the same bucket, free.
 */
import {
  GraphQLError,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { ExecutionArgs } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { isAsyncIterable } from '@graphql-tools/utils';
import type { BudgetsConfig, CallerClass } from '../config.js';
import type { BudgetStore } from '../budgets/budget-store.js';
import type { BucketReading, BucketSize, OperationBudget } from '../budgets/leaky-bucket.js';
import type { Metrics } from '../ops/metrics.js';
import { ErrorCode } from './client-errors.js';
import { estimateFanOut } from './limits/fan-out-cost.js';
import { documentOf } from './trusted-documents.js';
import type { Viewer } from './viewer.js';

export interface BudgetsOptions {
  config: BudgetsConfig;
  store: BudgetStore;
  schema: GraphQLSchema;
  maxCost: number;
  viewers: WeakMap<Request, Viewer>;
  metrics?: Metrics;
}

/** A request's charge: what is not yet handed to an operation is refunded when it ends. */
interface Ledger {
  viewer: Viewer;
  size: BucketSize;
  reading: BucketReading;
  outstanding: number;
}

/** The context fields this plugin reads and writes (src/server/context.ts). */
interface BudgetContext {
  request: Request;
  vendorCallsSent(): number;
  budget: OperationBudget | undefined;
}

/** Documents parsed for their estimate, kept by text (yoga's own parse cache is private). */
const PARSED_DOCUMENTS = 1_000;

export function useBudgets(options: BudgetsOptions): Plugin {
  const { config, store, schema, maxCost, viewers, metrics } = options;
  /** One rule for the charge and the settlement: the fan-out estimate, 0 above the limit. */
  const costOf = (...args: Parameters<typeof estimateFanOut>) => {
    const cost = estimateFanOut(...args);
    return cost > maxCost ? 0 : cost;
  };
  if (!config.enabled) return {};
  const ledgers = new WeakMap<Request, Ledger>();
  const parsed = new Map<string, DocumentNode | null>();

  const documentFor = (text: string): DocumentNode | null => {
    let doc = parsed.get(text);
    if (doc === undefined) {
      try {
        doc = parse(text);
      } catch {
        doc = null; // a syntax error: yoga refuses it, at no cost
      }
      if (parsed.size >= PARSED_DOCUMENTS) parsed.delete(parsed.keys().next().value!);
      parsed.set(text, doc);
    }
    return doc;
  };
  const estimate = (params: GraphQLParams): number => {
    const text = documentOf(params);
    const doc = text ? documentFor(text) : null;
    if (!doc) return 0;
    try {
      return costOf(schema, doc, params.operationName, params.variables);
    } catch {
      return 0; // invalid: refused by validation before it runs
    }
  };
  const take = (viewer: Viewer, size: BucketSize, cost: number, force = false) =>
    store.take(viewer.cacheKey, size, cost, force);
  /** Gives back `points` (negative: charges them, into debt), counted by class. */
  const settle = async (ledger: Ledger, points: number): Promise<BucketReading> => {
    const kind = ledger.viewer.kind;
    if (points > 0) metrics?.budgetRefunded(kind, points);
    else metrics?.budgetCharged(kind, -points);
    return take(ledger.viewer, ledger.size, -points, true);
  };

  /**
   * An operation about to run takes its share of the request's charge (recomputed from what runs:
   * the same estimate the request was charged for it); `done` settles it to the calls it made.
   */
  const begin = (args: ExecutionArgs) => {
    const ctx = args.contextValue as unknown as BudgetContext;
    const ledger = ledgers.get(ctx.request);
    if (!ledger) return null;
    const cost = Math.min(
      ledger.outstanding,
      costOf(args.schema, args.document, args.operationName, args.variableValues),
    );
    ledger.outstanding -= cost;
    ctx.budget = { cost, size: ledger.size, reading: ledger.reading };
    // Kept here: a subscription's context lets it go once the stream has started.
    const sent = ctx.vendorCallsSent;
    const done = async (): Promise<BucketReading> => {
      const spare = cost - sent();
      return spare === 0 ? ledger.reading : settle(ledger, spare);
    };
    return { ctx, ledger, cost, done };
  };

  return {
    onRequestParse({ request }) {
      const viewer = viewers.get(request);
      if (!viewer) return;
      return {
        async onRequestParseDone({ requestParserResult }) {
          const all = Array.isArray(requestParserResult)
            ? requestParserResult
            : [requestParserResult];
          let cost = 0;
          for (const params of all) cost += estimate(params);
          const size = config.classes[viewer.kind];
          const reading = await take(viewer, size, cost);
          metrics?.budgetFill(viewer.kind, Math.max(0, reading.available) / size.max);
          if (!reading.ok) {
            metrics?.budgetRefused(viewer.kind);
            throw rateLimited(viewer.kind, cost, size, reading);
          }
          metrics?.budgetCharged(viewer.kind, cost);
          ledgers.set(request, { viewer, size, reading, outstanding: cost });
        },
      };
    },
    onExecute({ args }) {
      const run = begin(args);
      if (!run) return;
      const { ctx, cost, ledger, done } = run;
      return {
        onExecuteDone({ result, setResult }) {
          // A stream (@defer, @stream) is settled once it ends; its payloads carry no cost.
          if (isAsyncIterable(result)) return { onEnd: () => void done() };
          return done().then((reading) =>
            setResult(withCost(result, cost, ctx.vendorCallsSent(), ledger.size, reading)),
          );
        },
      };
    },
    // A subscription is charged its estimate and settled to the calls its start made (the reads
    // that prove access) once the stream has started: its events run on contexts of their own
    // (use-shared-subscription-results.ts), and shared poller reads are no caller's. Settling
    // then, not at the stream's end, lets the open stream hold nothing of its request. Only
    // onSubscribeResult: envelop calls it for every subscribe that returns (a stream or a
    // refusal), and an onSubscribeError would wrap each stream in one more iterator, kept while
    // it is open, for an error that comes after the settling (and would settle it twice).
    onSubscribe({ args }) {
      let run = begin(args);
      if (!run) return;
      return {
        onSubscribeResult() {
          // envelop keeps this hook as long as the stream: it lets go of the request's state.
          const settling = run?.done();
          run = null;
          void settling;
        },
      };
    },
    // Operations that never ran (refused by validation) get their share back.
    async onResponse({ request }) {
      const ledger = ledgers.get(request);
      if (!ledger || ledger.outstanding === 0) return;
      const points = ledger.outstanding;
      ledger.outstanding = 0;
      await settle(ledger, points);
    },
  };
}

function withCost(
  result: ExecutionResult,
  requested: number,
  actual: number,
  size: BucketSize,
  reading: BucketReading,
): ExecutionResult {
  return {
    ...result,
    extensions: {
      ...result.extensions,
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: {
          maximumAvailable: size.max,
          currentlyAvailable: Math.floor(reading.available),
          restoreRate: size.restorePerSecond,
        },
      },
    },
  };
}

/** 429 before execution: the budget, the wait and the numbers behind it. */
function rateLimited(
  kind: CallerClass,
  cost: number,
  size: BucketSize,
  reading: BucketReading,
): GraphQLError {
  const never = cost > size.max;
  const message = never
    ? `Rate limited: this request is estimated at ${cost} points, more than the ${kind} budget holds (${size.max}). Send fewer operations or smaller first/last windows.`
    : `Rate limited: this request is estimated at ${cost} points and the ${kind} budget has ${Math.floor(reading.available)} left (it restores ${size.restorePerSecond} per second). Retry after ${reading.retryAfterSeconds} s.`;
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      budget: kind,
      cost,
      maximumAvailable: size.max,
      currentlyAvailable: Math.floor(reading.available),
      restoreRate: size.restorePerSecond,
      retryAfter: reading.retryAfterSeconds,
      http: { status: 429, headers: { 'Retry-After': String(reading.retryAfterSeconds) } },
    },
  });
}
