/**
 * One benchmark run: the emulator with injected latency and the generated dataset, then for each
 * server mode (subgate, naive baseline, bare-yoga floor) and each operation: a warm-up request
 * (another caller, so code is warm but this caller's cache is not), the cold request, then
 * autocannon. Vendor calls are read from the emulator's `/__emulator/calls`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Dataset } from '../../src/emulator/dataset-schema.js';
import { generateDataset } from '../../src/emulator/dataset.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { ACCESS_KEY, APP } from '../harness.js';
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
  seed: number;
  devices: number;
  ordersPerDevice: number;
  /** Only these operations (names); all when empty. */
  only: string[];
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
  seed: 6,
  devices: 50,
  ordersPerDevice: 12,
  only: [],
  modes: ['batched', 'naive', 'floor'],
  nodeFlags: [],
  useTsx: false,
};

export type CallCounts = Record<string, number>;

export interface OperationResult {
  operation: string;
  mode: ServerMode;
  /** Vendor calls of the cold request, by API. */
  coldCalls: CallCounts;
  /** Vendor calls per request under load (total calls / completed requests). */
  loadCallsPerRequest: number;
  coldMs: number;
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
  /** The cold response's GraphQL errors, if any. */
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

/** The global ID of the first device's first order (Pothos relay: base64 of `Type:localId`). */
function firstOrderNodeId(dataset: Dataset): string {
  const iotId = dataset.devices[0]!.iotId;
  const order = dataset.cloudStorageOrders.find((o) => o.iotId === iotId)!;
  return Buffer.from(`CloudStorageOrder:${JSON.stringify([iotId, order.orderId])}`).toString(
    'base64',
  );
}

async function post(url: string, key: string, op: { query: string; variables: unknown }) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
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

const sum = (c: CallCounts) => Object.values(c).reduce((a, b) => a + b, 0);

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const log = options.log ?? (() => {});
  // Start of the current UTC day: the same data all day, and "active" plans are current.
  const now = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const dataset = generateDataset({
    seed: options.seed,
    now,
    devices: options.devices,
    ordersPerDevice: options.ordersPerDevice,
  });
  const emulator = await createEmulator({
    apps: [APP],
    accessKeys: [ACCESS_KEY],
    latencyMs: options.latencyMs,
    dataset,
    // The vendor's limit is off here: this measures the gateway's own cost, not BSS's pacing.
    bssQps: 0,
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
    ILOP_ENDPOINT: emulator.url,
    BSS_ENDPOINT: emulator.url,
    ILOP_APP_KEY: APP.appKey,
    ILOP_APP_SECRET: APP.appSecret,
    BSS_ACCESS_KEY_ID: ACCESS_KEY.accessKeyId,
    BSS_ACCESS_KEY_SECRET: ACCESS_KEY.accessKeySecret,
    GATEWAY_ADMIN_KEYS: `${WARMUP_KEY},${ADMIN_KEY}`,
    VENDOR_CACHE_TTL_MS: String(mode === 'batched' ? options.cacheTtlMs : 0),
    // Real BSS allows 10 QPS per API (see BENCHMARKS.md, cold latency); the emulator's limit is off above.
    BSS_QPS: '0',
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
        log(`${mode} ${op.name}: warm-up, cold request, ${options.duration} s of load`);
        const server = await serve(mode, op);
        try {
          await post(server.url, WARMUP_KEY, op); // code warm, this caller's cache still cold
          await resetCalls(emulator);
          const cold = await post(server.url, ADMIN_KEY, op);
          const coldCalls = await calls(emulator);
          if (mode === 'batched') recorded[op.name] = cold.body.data;
          else if (
            mode === 'naive' &&
            JSON.stringify(cold.body.data) !== JSON.stringify(recorded[op.name])
          ) {
            mismatches.push(op.name);
          }
          await resetCalls(emulator);
          const erroredBefore = mode === 'floor' ? {} : await erroredRequests(server.url);
          const before = await server.rss();
          const load = await autocannon({
            url: server.url,
            connections: options.connections,
            duration: options.duration,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
            body: JSON.stringify({ query: op.query, variables: op.variables }),
          });
          const loadCalls = await calls(emulator);
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
            coldCalls: mode === 'floor' ? {} : coldCalls,
            loadCallsPerRequest:
              mode === 'floor' ? 0 : sum(loadCalls) / Math.max(1, load.requests.total),
            coldMs: cold.ms,
            p50: load.latency.p50,
            p99: load.latency.p99,
            rps: load.requests.total / options.duration,
            cpuMsPerRequest:
              (rss.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, load.requests.total),
            requests: load.requests.total,
            failures: load.non2xx + load.errors + load.timeouts,
            erroredUnderLoad,
            peakRss: rss.maxRss,
            errors: cold.body.errors,
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
