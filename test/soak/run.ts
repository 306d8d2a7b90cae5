/**
 * `npm run soak`: steady load on a gateway over the emulator with 5 % injected faults, for
 * `--duration` seconds (default 600). Prints RSS and heap over time, then responses by HTTP status,
 * errors by code, latency percentiles and vendor calls by outcome. Not part of CI.
 *
 *   npm run soak -- --duration 600 --rps 20 --fault-rate 0.05
 *
 * `--redis` runs the gateway on a real redis-server (REDIS_URL); `--redis-restart-at <s>` (implies
 * it) stops that Redis at that second and starts it again `--redis-down <s>` (default 10) later,
 * and the summary splits requests and errors by phase (before, Redis down, after).
 */
import { gatewayConfig } from '../gateway-config.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { createEmulator } from '../../src/emulator/server.js';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/ops/logger.js';
import { startRedis } from '../integration/ops-support.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    rps: { type: 'string', default: '20' },
    'fault-rate': { type: 'string', default: '0.05' },
    'latency-ms': { type: 'string', default: '20' },
    'sample-every': { type: 'string', default: '30' },
    redis: { type: 'boolean', default: false },
    'redis-restart-at': { type: 'string' },
    'redis-down': { type: 'string', default: '10' },
  },
});
const redisRestartAtS =
  values['redis-restart-at'] === undefined ? null : Number(values['redis-restart-at']);
const redisDownS = Number(values['redis-down']);
const redisServer = values.redis || redisRestartAtS !== null ? await startRedis() : null;
const durationS = Number(values.duration);
const rps = Number(values.rps);
const faultRate = Number(values['fault-rate']);
const sampleEveryS = Number(values['sample-every']);

const ADMIN_KEY = 'soak-admin-key-0123456789';
const APP = { appKey: '24681357', appSecret: 'soak-app-secret' };
const AK = { accessKeyId: 'LTAIsoak', accessKeySecret: 'soak-ak-secret' };
const op = (name: string) => readFileSync(`schema/operations/${name}.graphql`, 'utf8');

const emulator = await createEmulator({
  apps: [APP],
  accessKeys: [AK],
  latencyMs: Number(values['latency-ms']),
});
// The faults split the 5 %: server errors, throttling, malformed bodies, dropped sockets (each
// rule's rate is of the calls the earlier rules let through). latencyMs would apply to every call.
const share = faultRate / 4;
await fetch(`${emulator.url}/__emulator/faults`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify([
    { failureRate: share, failWith: { code: 'ServiceUnavailable' } },
    { failureRate: share / (1 - share), failWith: { code: 429 } },
    { failureRate: share / (1 - 2 * share), failWith: { malformed: true } },
    { failureRate: share / (1 - 3 * share), failWith: { drop: true } },
  ]),
});

const config = gatewayConfig({
  ILOP_ENDPOINT: emulator.url,
  BSS_ENDPOINT: emulator.url,
  ILOP_APP_KEY: APP.appKey,
  ILOP_APP_SECRET: APP.appSecret,
  BSS_ACCESS_KEY_ID: AK.accessKeyId,
  BSS_ACCESS_KEY_SECRET: AK.accessKeySecret,
  GATEWAY_ADMIN_KEYS: ADMIN_KEY,
  ILOP_TIMEOUT_MS: '1000',
  LOG_LEVEL: 'silent',
  ...(redisServer ? { REDIS_URL: redisServer.url } : {}),
});
const gateway = createGateway(config, { logger: createLogger('silent') });
const server = createServer(gateway.yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

const devices = Object.values(DEMO_DEVICES);
// Devices alice administers or is bound to (emulator README), so her reads are allowed.
const aliceDevices = [
  DEMO_DEVICES.aliceMany,
  DEMO_DEVICES.bobManySharedWithAlice,
  DEMO_DEVICES.aliceExample,
  DEMO_DEVICES.carolNoOrders,
];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
type Req = {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
};
const admin = { 'x-api-key': ADMIN_KEY };
const mix: (() => Req)[] = [
  () => ({
    name: 'DeviceDashboard',
    query: op('device-dashboard'),
    variables: { iotIds: [pick(aliceDevices), pick(aliceDevices)] },
    headers: { authorization: 'Bearer demo-token-alice' },
  }),
  () => ({
    name: 'OrderList',
    query: op('order-list'),
    variables: { iotId: pick(devices) },
    headers: admin,
  }),
  () => ({
    name: 'StreamingOverview',
    query: op('streaming'),
    variables: { iotId: pick(devices) },
    headers: admin,
  }),
  () => ({
    name: 'BillingOrderList',
    query: op('billing-list'),
    variables: { filter: { createdAfter: new Date(Date.now() - 7 * 86_400_000).toISOString() } },
    headers: admin,
  }),
  () => ({
    name: 'AdminDashboard',
    query: op('admin-dashboard'),
    variables: { iotIds: [pick(devices)], orders: 1 },
    headers: admin,
  }),
];

const byStatus = new Map<string, number>();
const byCode = new Map<string, number>();
const latencies: number[] = [];
type Phase = 'before' | 'Redis down' | 'after';
let phase: Phase = 'before';
const byPhase = new Map<
  Phase,
  { requests: number; codes: Map<string, number>; latencies: number[] }
>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let sent = 0;
let inFlight = 0;
let unhandled = 0;
process.on('unhandledRejection', () => unhandled++);

async function one(): Promise<void> {
  const r = pick(mix)();
  const started = performance.now();
  const tally = byPhase.get(phase) ?? {
    requests: 0,
    codes: new Map<string, number>(),
    latencies: [],
  };
  byPhase.set(phase, tally);
  tally.requests++;
  inFlight++;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...r.headers,
      },
      body: JSON.stringify({ query: r.query, variables: r.variables }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    bump(byStatus, String(res.status));
    for (const e of body.errors ?? []) {
      bump(byCode, e.extensions?.code ?? 'NO_CODE');
      bump(tally.codes, e.extensions?.code ?? 'NO_CODE');
    }
  } catch (err) {
    bump(byStatus, `client error: ${(err as Error).message}`);
  } finally {
    inFlight--;
    latencies.push(performance.now() - started);
    tally.latencies.push(performance.now() - started);
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const memLine = (t: number) => {
  const m = process.memoryUsage();
  console.log(
    `t=${String(t).padStart(4)}s  sent=${String(sent).padStart(6)}  inFlight=${String(inFlight).padStart(3)}  rss=${mb(m.rss)}MB  heapUsed=${mb(m.heapUsed)}MB`,
  );
};
console.log(
  `soak: ${durationS}s at ${rps} req/s, ${faultRate * 100}% vendor faults, gateway ${url}`,
);
const start = Date.now();
memLine(0);
const sampler = setInterval(
  () => memLine(Math.round((Date.now() - start) / 1000)),
  sampleEveryS * 1000,
);
if (redisServer && redisRestartAtS !== null) {
  setTimeout(async () => {
    await redisServer.stop();
    phase = 'Redis down';
    console.log(`t=${Math.round((Date.now() - start) / 1000)}s  Redis stopped`);
    setTimeout(async () => {
      await redisServer.start();
      phase = 'after';
      console.log(`t=${Math.round((Date.now() - start) / 1000)}s  Redis started again`);
    }, redisDownS * 1000);
  }, redisRestartAtS * 1000);
}
const pending = new Set<Promise<void>>();
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    if (Date.now() - start >= durationS * 1000) {
      clearInterval(tick);
      resolve();
      return;
    }
    sent++;
    const p = one();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }, 1000 / rps);
});
await Promise.all(pending);
clearInterval(sampler);
memLine(Math.round((Date.now() - start) / 1000));

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(0);
};
const pct = (p: number) => percentile(latencies, p);
const counter = await gateway.metrics.registry.getSingleMetric('subgate_vendor_calls_total')?.get();
const vendorOutcomes = new Map<string, number>();
for (const v of counter?.values ?? []) {
  const key = `${v.labels.vendor} ${v.labels.outcome}`;
  vendorOutcomes.set(key, (vendorOutcomes.get(key) ?? 0) + v.value);
}
console.log(
  `\nrequests: ${sent}, latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, unhandled rejections: ${unhandled}`,
);
console.log('HTTP status:', Object.fromEntries(byStatus));
console.log('GraphQL errors by code:', Object.fromEntries([...byCode].sort((x, y) => y[1] - x[1])));
console.log(
  'vendor call attempts by outcome:',
  Object.fromEntries([...vendorOutcomes].sort((x, y) => y[1] - x[1])),
);

if (redisServer) {
  console.log('by phase:');
  for (const [name, t] of byPhase) {
    const codes = Object.fromEntries([...t.codes].sort((x, y) => y[1] - x[1]));
    const lat = `p50 ${percentile(t.latencies, 50)} ms, p99 ${percentile(t.latencies, 99)} ms`;
    console.log(`  ${name}: ${t.requests} requests, ${lat}, errors by code`, codes);
  }
  const metric = async (name: string) =>
    (await gateway.metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
  const failures = Object.fromEntries(
    (await metric('subgate_redis_failures_total')).map((v) => [
      `${v.labels.store} ${v.labels.op}`,
      v.value,
    ]),
  );
  console.log('Redis commands failed or skipped, by store and op:', failures);
  const lookups = Object.fromEntries(
    (await metric('subgate_cache_lookups_total')).map((v) => [
      `${v.labels.cache} ${v.labels.result}`,
      v.value,
    ]),
  );
  console.log('cache lookups:', lookups);
}

server.closeAllConnections();
server.close();
await gateway.close();
await emulator.close();
await redisServer?.stop();
