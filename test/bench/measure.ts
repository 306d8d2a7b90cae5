/**
 * One benchmark run: the emulator with injected latency, BSS's limit of 10 calls per second per
 * API and the benchmark's account, then for each server mode (subgate, naive baseline, bare-yoga
 * floor) and each operation: the first request on the fresh process (another caller), then, once
 * the billing index is full, the cold request (this caller's cache still empty), then autocannon.
 * Vendor calls are read from the emulator's `/__emulator/calls`; those of the index's sweeps from
 * the gateway's `/metrics`, so request-time calls are told apart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { DEFAULT_BSS_QPS } from '../../src/emulator/limits.js';
import { loadConfig } from '../../src/config.js';
import { ACCESS_KEY, APP, vendorEnv } from '../harness.js';
import { DEFAULT_BILLING_SHAPE, shapeBilling, type BillingShape } from './billing-dataset.js';
import type { ServerMode } from './gateway-process.js';
import { SDL_PATH } from './floor.js';
import { loadOperations, type BenchOperation } from './operations.js';
import { forkServer, type ServerChild } from './server-child.js';

export interface BenchOptions {
  /** Seconds of autocannon load per operation and mode. */
  duration: number;
  connections: number;
  /** Injected latency per vendor call (ms). */
  latencyMs: number;
  /** Shared vendor-read cache TTL of subgate (ms). */
  cacheTtlMs: number;
  /** BSS calls per second per API the emulator lets through, as real BSS (0: unlimited). */
  bssQps: number;
  billing: BillingShape;
  seed: number;
  devices: number;
  ordersPerDevice: number;
  /** Only these operations (names); all when empty. */
  only: string[];
  /**
   * Cold requests per operation and mode, each by another caller whose cache is empty: the cold
   * figure is their median (one cold request swings by a third on a shared machine).
   */
  coldSamples: number;
  modes: ServerMode[];
  /** Write a V8 CPU profile of the subgate process here. */
  cpuProfDir?: string;
  /** Node flags for every server process (subgate, baseline, floor alike). */
  nodeFlags: string[];
  /** Run the servers through tsx (as `npm start`) instead of a bundle. */
  useTsx: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  duration: 10,
  connections: 16,
  latencyMs: 20,
  cacheTtlMs: 5_000,
  bssQps: DEFAULT_BSS_QPS,
  billing: DEFAULT_BILLING_SHAPE,
  seed: 6,
  devices: 50,
  ordersPerDevice: 12,
  only: [],
  coldSamples: 5,
  modes: ['batched', 'naive', 'floor'],
  nodeFlags: [],
  useTsx: false,
};

export type CallCounts = Record<string, number>;

export interface OperationResult {
  operation: string;
  mode: ServerMode;
  /** The first request on a fresh process (another caller; the billing index still empty). */
  freshMs: number;
  /** Its request-time vendor calls, by API, and the index's sweep calls meanwhile. */
  freshCalls: CallCounts;
  freshSweepCalls: number;
  /** Request-time vendor calls of the cold request (index full, cache cold), by API. */
  coldCalls: CallCounts;
  /** Sweep calls made while the cold request ran. */
  coldSweepCalls: number;
  /** Sweep calls per request under load. */
  loadSweepCallsPerRequest: number;
  /** Vendor answers `Throttling.*` the server received over its life (retried or not). */
  throttled: number;
  /** Request-time vendor calls per request under load (total calls / completed requests). */
  loadCallsPerRequest: number;
  /** The median of the cold requests (`coldSamplesMs`). */
  coldMs: number;
  /** Each cold request's time, in the order sent (the first is the one whose calls are counted). */
  coldSamplesMs: number[];
  p50: number;
  p99: number;
  rps: number;
  /**
   * The server process's CPU time (user + system) per completed request under load: steadier
   * than req/s on a shared machine, where the load generator and neighbours take cores too.
   */
  cpuMsPerRequest: number;
  requests: number;
  /** Non-2xx, errors and timeouts under load (should be 0). */
  failures: number;
  /**
   * Requests answered with GraphQL errors under load, by first error code, from the gateway's own
   * `/metrics` (autocannon sees only HTTP statuses; partial results are 200s). Empty for the floor.
   */
  erroredUnderLoad: Record<string, number>;
  peakRss: number;
  /** The fresh and cold responses' GraphQL errors, if any. */
  errors: unknown[] | undefined;
  /** Distinct `outOrderNo`s in the cold response (dashboard: the GetOrderDetail minimum). */
  distinctOutOrderNos: number;
  levels: number;
  responseBytes: number;
}

export interface BenchRun {
  options: BenchOptions;
  results: OperationResult[];
  /** Highest peak RSS of each mode's server processes (kernel maxRSS). */
  maxRss: Partial<Record<ServerMode, number>>;
  /** Operations whose naive response differed from subgate's. */
  mismatches: string[];
}

/** Two admin callers: the shared cache is per caller, so the warm-up leaves the measured one cold. */
const WARMUP_KEY = 'bench-warmup-key-0123456789';
const ADMIN_KEY = 'bench-admin-key-0123456789';
/** Likewise two signed-in users for the user screens, each bound to every device of the dataset. */
const WARMUP_TOKEN = 'bench-warmup-user-token';
const USER_TOKEN = 'bench-user-token';

/** More cold callers after the measured one, each with its cache empty (admin keys and users). */
const MAX_COLD_SAMPLES = 9;
const coldKey = (i: number) => `bench-cold-key-${i}-0123456789`;
const coldToken = (i: number) => `bench-cold-user-token-${i}`;

/** A caller's headers: the warm-up or the measured one, as an admin or as a user. */
function credentials(op: BenchOperation, warmup: boolean): Record<string, string> {
  if (op.asUser) return { authorization: `Bearer ${warmup ? WARMUP_TOKEN : USER_TOKEN}` };
  return { 'x-api-key': warmup ? WARMUP_KEY : ADMIN_KEY };
}
/** The headers of the `i`th extra cold caller (1-based). */
function coldCredentials(op: BenchOperation, i: number): Record<string, string> {
  return op.asUser ? { authorization: `Bearer ${coldToken(i)}` } : { 'x-api-key': coldKey(i) };
}

/** The bench's users, bound (shared) to every device: "a user with 50 bound devices". */
function withBenchUsers(dataset: Dataset): Dataset {
  const users: [name: string, token: string][] = [
    ['bench-warmup', WARMUP_TOKEN],
    ['bench-user', USER_TOKEN],
    ...Array.from({ length: MAX_COLD_SAMPLES }, (_, i): [string, string] => [
      `bench-cold-${i + 1}`,
      coldToken(i + 1),
    ]),
  ];
  for (const [name, token] of users) {
    dataset.users.push({ identityId: `identity-${name}`, iotToken: token, userName: name });
    for (const device of dataset.devices) device.boundIdentityIds.push(`identity-${name}`);
  }
  return dataset;
}

/** The global ID of the first device's first order (Pothos relay: base64 of `Type:localId`). */
function firstOrderNodeId(dataset: Dataset): string {
  const iotId = dataset.devices[0]!.iotId;
  const order = dataset.cloudStorageOrders.find((o) => o.iotId === iotId)!;
  return Buffer.from(`CloudStorageOrder:${JSON.stringify([iotId, order.orderId])}`).toString(
    'base64',
  );
}

async function post(url: string, headers: Record<string, string>, op: BenchOperation) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`bench: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { ms, text, body: JSON.parse(text) as { data?: unknown; errors?: unknown[] } };
}

function distinctOutOrderNos(data: unknown): number {
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'outOrderNo' && typeof x === 'string') seen.add(x);
        else walk(x);
      }
    }
  };
  walk(data);
  return seen.size;
}

async function calls(emulator: Emulator): Promise<CallCounts> {
  const res = await fetch(`${emulator.url}/__emulator/calls`);
  return ((await res.json()) as { byApi: CallCounts }).byApi;
}
const resetCalls = (emulator: Emulator) =>
  fetch(`${emulator.url}/__emulator/calls`, { method: 'DELETE' }).then((r) => r.text());
/** `subgate_graphql_requests_total` by outcome, other than `ok`, from the server's metrics. */
async function erroredRequests(serverUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', serverUrl))).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(
    /^subgate_graphql_requests_total\{[^}]*outcome="([^"]+)"[^}]*\} (\S+)$/gm,
  )) {
    // Requests still in flight when autocannon stops are cut off by it: not errors.
    if (m[1] !== 'ok' && m[1] !== 'CLIENT_CLOSED_REQUEST')
      out[m[1]!] = (out[m[1]!] ?? 0) + Number(m[2]);
  }
  return out;
}

/** The sum of a metric's samples whose labels include `labels`. */
function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
const serverMetrics = (serverUrl: string) =>
  fetch(new URL('/metrics', serverUrl)).then((r) => r.text());
const sweepCalls = async (serverUrl: string) =>
  metricSum(await serverMetrics(serverUrl), 'subgate_billing_index_sweep_calls_total');
const throttledCalls = async (serverUrl: string) =>
  metricSum(await serverMetrics(serverUrl), 'subgate_vendor_calls_total', {
    outcome: 'Throttling.User',
  });

/** The default horizon (the bench runs subgate's defaults). */
const HORIZON_MS = loadConfig({}).billingIndex.horizonDays * 86_400_000;

/** Until the index's sweeps have reached the horizon: every order in it is held. */
export async function indexFull(serverUrl: string, now: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const text = await serverMetrics(serverUrl);
    if (!text.includes('subgate_billing_index_oldest_swept_seconds')) return; // no index
    const oldest = metricSum(text, 'subgate_billing_index_oldest_swept_seconds');
    if (oldest > 0 && oldest * 1000 <= now - HORIZON_MS + 1_000) return;
    if (Date.now() > deadline) throw new Error('bench: the billing index did not fill in 5 min');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The emulator's calls and the gateway's sweep calls at one moment: the emulator counts a call on
 * arrival and the gateway when it ends, so both are read until neither moves for longer than a
 * call takes (sweeps go on in the background while a request runs).
 */
async function settledCounts(
  emulator: Emulator,
  sweeps: () => Promise<number>,
  latencyMs: number,
): Promise<{ calls: CallCounts; sweeps: number }> {
  let before = { calls: await calls(emulator), sweeps: await sweeps() };
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 2 * latencyMs + 20));
    const now = { calls: await calls(emulator), sweeps: await sweeps() };
    if (now.sweeps === before.sweeps && JSON.stringify(now.calls) === JSON.stringify(before.calls))
      return now;
    before = now;
  }
  return before;
}

/** The calls by API, less the sweeps' (all QueryOrders): what requests themselves cost. */
function requestTime(calls: CallCounts, sweeps: number): CallCounts {
  const out = { ...calls };
  if (sweeps > 0) {
    out.QueryOrders = (out.QueryOrders ?? 0) - sweeps;
    if (out.QueryOrders === 0) delete out.QueryOrders;
  }
  return out;
}

/** Calls made between two readings, by API (APIs with none left out). */
function diff(after: CallCounts, before: CallCounts): CallCounts {
  const out: CallCounts = {};
  for (const [api, n] of Object.entries(after)) {
    const made = n - (before[api] ?? 0);
    if (made > 0) out[api] = made;
  }
  return out;
}

const sum = (c: CallCounts) => Object.values(c).reduce((a, b) => a + b, 0);

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const log = options.log ?? (() => {});
  const coldSamples = Math.min(Math.max(1, options.coldSamples), MAX_COLD_SAMPLES);
  // Start of the current UTC day: the same data all day, and "active" plans are current.
  const now = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const dataset = withBenchUsers(
    shapeBilling(
      generateDataset({
        seed: options.seed,
        now,
        devices: options.devices,
        ordersPerDevice: options.ordersPerDevice,
      }),
      Date.now(),
      options.seed,
      options.billing,
    ),
  );
  const emulator = await createEmulator({
    apps: [APP],
    accessKeys: [ACCESS_KEY],
    latencyMs: options.latencyMs,
    dataset,
    // BSS's limit as the emulator enforces it (per AccessKeyId and API, Throttling.User).
    bssQps: options.bssQps,
  });
  const scratch = mkdtempSync(join(tmpdir(), 'subgate-bench-'));
  const results: OperationResult[] = [];
  const maxRss: BenchRun['maxRss'] = {};
  const recorded: Record<string, unknown> = {};
  const mismatches: string[] = [];
  const operations = loadOperations(dataset, now, firstOrderNodeId(dataset)).filter(
    (o) => options.only.length === 0 || options.only.includes(o.name),
  );

  const env = (mode: ServerMode): Record<string, string> => ({
    ...vendorEnv(emulator.url),
    GATEWAY_ADMIN_KEYS: [
      WARMUP_KEY,
      ADMIN_KEY,
      ...Array.from({ length: MAX_COLD_SAMPLES }, (_, i) => coldKey(i + 1)),
    ].join(','),
    VENDOR_CACHE_TTL_MS: String(mode === 'batched' ? options.cacheTtlMs : 0),
    // Subgate's default flow control matches the vendor's limit; an unlimited vendor, none.
    BSS_QPS: String(options.bssQps),
    PORT: '0',
    // As deployed: graphql-js skips its development-only checks (instanceOf was 4% of the profile).
    NODE_ENV: 'production',
  });

  const fork = { nodeFlags: options.nodeFlags, useTsx: options.useTsx };
  // A fresh process per mode and operation: no state (cache, breaker, heap) carries over.
  async function serve(mode: ServerMode, op: BenchOperation): Promise<ServerChild> {
    if (mode === 'floor') {
      const file = join(scratch, 'responses.json');
      writeFileSync(file, JSON.stringify(recorded));
      return forkServer({ mode, env: {}, responsesFile: file, sdlFile: SDL_PATH }, fork);
    }
    const profile = mode === 'batched' && options.cpuProfDir;
    return forkServer(
      { mode, env: env(mode) },
      profile ? { ...fork, cpuProfDir: join(options.cpuProfDir!, op.name) } : fork,
    );
  }

  try {
    for (const mode of options.modes) {
      for (const op of operations) {
        log(`${mode} ${op.name}: fresh request, cold request, ${options.duration} s of load`);
        const server = await serve(mode, op);
        try {
          const gateway = mode !== 'floor';
          const sweeps = () => (gateway ? sweepCalls(server.url) : Promise.resolve(0));
          // The first request on the fresh process: the billing index is still being filled.
          const counts = () => settledCounts(emulator, sweeps, options.latencyMs);
          // Not settled: the sweep starts with the process, and this request must not wait for it.
          const startFresh = { calls: await calls(emulator), sweeps: await sweeps() };
          const fresh = await post(server.url, credentials(op, true), op);
          const endFresh = await counts();
          const freshSweepCalls = endFresh.sweeps - startFresh.sweeps;
          const freshCalls = requestTime(diff(endFresh.calls, startFresh.calls), freshSweepCalls);
          if (gateway) await indexFull(server.url, Date.now());
          // Code warm, index full, this caller's cache still cold.
          await resetCalls(emulator);
          const startCold = await counts();
          const cold = await post(server.url, credentials(op, false), op);
          const endCold = await counts();
          const coldSweepCalls = endCold.sweeps - startCold.sweeps;
          const coldCalls = requestTime(diff(endCold.calls, startCold.calls), coldSweepCalls);
          const coldSamplesMs = [cold.ms];
          for (let i = 1; i < coldSamples; i++) {
            coldSamplesMs.push((await post(server.url, coldCredentials(op, i), op)).ms);
            await counts(); // the next one starts with nothing of this one in flight
          }
          if (mode === 'batched') recorded[op.name] = cold.body.data;
          else if (
            mode === 'naive' &&
            JSON.stringify(cold.body.data) !== JSON.stringify(recorded[op.name])
          ) {
            mismatches.push(op.name);
          }
          await resetCalls(emulator);
          const sweepsBeforeLoad = await sweeps();
          const erroredBefore = mode === 'floor' ? {} : await erroredRequests(server.url);
          const before = await server.rss();
          const load = await autocannon({
            url: server.url,
            connections: options.connections,
            duration: options.duration,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...credentials(op, false) },
            body: JSON.stringify({ query: op.query, variables: op.variables }),
          });
          const loadSweeps = (await sweeps()) - sweepsBeforeLoad;
          const loadCalls = requestTime(await calls(emulator), loadSweeps);
          const rss = await server.rss();
          const erroredUnderLoad = mode === 'floor' ? {} : await erroredRequests(server.url);
          for (const [code, n] of Object.entries(erroredBefore)) {
            erroredUnderLoad[code] = (erroredUnderLoad[code] ?? 0) - n;
            if (erroredUnderLoad[code] === 0) delete erroredUnderLoad[code];
          }
          maxRss[mode] = Math.max(maxRss[mode] ?? 0, rss.maxRss);
          results.push({
            operation: op.name,
            mode,
            freshMs: fresh.ms,
            freshCalls: gateway ? freshCalls : {},
            freshSweepCalls,
            coldCalls: gateway ? coldCalls : {},
            coldSweepCalls,
            loadSweepCallsPerRequest: loadSweeps / Math.max(1, load.requests.total),
            throttled: gateway ? await throttledCalls(server.url) : 0,
            loadCallsPerRequest:
              mode === 'floor' ? 0 : sum(loadCalls) / Math.max(1, load.requests.total),
            coldMs: median(coldSamplesMs),
            coldSamplesMs,
            p50: load.latency.p50,
            p99: load.latency.p99,
            rps: load.requests.total / options.duration,
            cpuMsPerRequest:
              (rss.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, load.requests.total),
            requests: load.requests.total,
            failures: load.non2xx + load.errors + load.timeouts,
            erroredUnderLoad,
            peakRss: rss.maxRss,
            errors:
              fresh.body.errors || cold.body.errors
                ? [...(fresh.body.errors ?? []), ...(cold.body.errors ?? [])]
                : undefined,
            distinctOutOrderNos: distinctOutOrderNos(cold.body.data),
            levels: op.levels,
            responseBytes: Buffer.byteLength(cold.text),
          });
        } finally {
          await server.close();
        }
      }
    }
  } finally {
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return { options, results, maxRss, mismatches };
}
