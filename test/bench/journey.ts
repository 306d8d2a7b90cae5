/**
 * The purchase-journey scenario (docs/selling.md): a signed-in user runs, in order, my devices,
 * plans, availability, buyCloudStoragePlan and the device's dashboard. Per step: the vendor calls
 * by API (the emulator's counts, reset between steps) against the minimum stated in MINIMUM, and
 * the latency. Then each write's added latency over its one vendor write: buyCloudStoragePlan and
 * payStreamingOrder run `runs` times through subgate (a new idempotency key each), and the same
 * vendor call `runs` times straight through subgate's own Living IoT client; p50 of each. Last,
 * `concurrent` identical keyed buys at once: vendor writes and distinct answers, in process and
 * on Redis. Run alone: `npm run bench -- --scenario journey`.
 *
 * Everything runs in this process on loopback (the test harness: gateway and emulator), emulator
 * latency 0, shared vendor cache off (each read is a vendor call: the counts are the request's
 * own), billing index off; the emulator's BSS limit stays on (the journey sends no BSS call).
 */
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { createIlopClient } from '../../src/upstream/ilop/client.js';
import { ILOP_MAX_PAGE_SIZE } from '../../src/loaders/vendor-paging.js';
import { loadAll } from '../../src/loaders/paged-source.js';
import { gatewayConfig } from '../gateway-config.js';
import { startHarness, vendorEnv, type Harness } from '../harness.js';
import { startRedis } from '../integration/ops-support.js';
import { readFileSync } from 'node:fs';
import { OPERATIONS_DIR } from './operations.js';

export interface JourneyOptions {
  /** Runs of each write for its added latency. */
  runs: number;
  /** Identical keyed buys sent at once. */
  concurrent: number;
  log?: (line: string) => void;
}

export const JOURNEY_DEFAULTS: JourneyOptions = { runs: 50, concurrent: 20 };

const alice = { token: 'demo-token-alice' };
const device = DEMO_DEVICES.aliceExample;
const plan = { commodityCode: 'ilopLVCloudResource', specification: 'eventResource_7' };
const buyInput = (idempotencyKey: string) => ({
  iotId: device,
  ...plan,
  copies: 1,
  userName: 'alice',
  idempotencyKey,
});
const operation = (file: string) => readFileSync(`${OPERATIONS_DIR}${file}.graphql`, 'utf8');
const AVAILABILITY = /* GraphQL */ `
  query Availability($iotId: String!, $commodityCode: String!, $specification: String!) {
    device(iotId: $iotId) {
      cloudStoragePlanAvailability(commodityCode: $commodityCode, specification: $specification) {
        available
        reason
      }
    }
  }
`;

export interface JourneyStep {
  name: string;
  ms: number;
  calls: number;
  minimum: number;
  byApi: Record<string, number>;
  errors: number;
}

export interface WriteLatency {
  mutation: string;
  /** Vendor calls one run of the mutation makes (all APIs), the last run. */
  callsPerRun: number;
  byApi: Record<string, number>;
  gatewayP50: number;
  directP50: number;
  /**
   * The same vendor calls the mutation makes (its reads, its write, the payload's reads), in its
   * order, straight through subgate's client: the gateway's own cost is the rest.
   */
  sameCallsP50: number;
}

export interface JourneyResult {
  options: JourneyOptions;
  /** How the minimum of each step is reached, in words. */
  minimumRule: Record<string, string>;
  steps: JourneyStep[];
  writes: WriteLatency[];
  concurrent: Record<
    'memory' | 'redis',
    { writes: number; distinctAnswers: number; distinctOrders: number }
  >;
}

const p50 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0;
const pages = (rows: number) => Math.max(1, Math.ceil(rows / ILOP_MAX_PAGE_SIZE));

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await f();
  return { value, ms: performance.now() - started };
}

export async function runJourney(options: JourneyOptions): Promise<JourneyResult> {
  const log = options.log ?? (() => {});
  const h = await startHarness();
  try {
    // The minimum per step, from the dataset: one call per vendor API, device and page needed.
    const state = await h.state();
    const mine = state.devices.filter(
      (d) =>
        d.adminIdentityId === 'identity-alice' || d.boundIdentityIds.includes('identity-alice'),
    );
    const csOrders = (id: string) => state.cloudStorageOrders.filter((o) => o.iotId === id).length;
    const stOrders = (id: string) => state.streamingOrders.filter((o) => o.iotId === id).length;
    const bindingPages = Math.max(1, Math.ceil(mine.length / 50));
    const perDevice = mine.reduce(
      (n, d) => n + 1 + pages(csOrders(d.iotId)) + pages(stOrders(d.iotId)),
      0,
    );
    // A user's proof that a device is theirs is its first order page (src/schema/device.ts).
    const minimum: Record<string, number> = {
      MyDevices: bindingPages + perDevice,
      CloudStoragePlans: 1 + bindingPages + 1 + 1 + 1,
      Availability: 1 + 1,
      BuyCloudStoragePlan: pages(csOrders(device)) + 1 + 1 + pages(csOrders(device) + 1),
      DeviceDashboard: pages(csOrders(device) + 1),
    };
    const minimumRule = {
      MyDevices: `binding pages (${bindingPages}, ${mine.length} devices) + per device: free plan, cloud-storage order pages, streaming order pages`,
      CloudStoragePlans:
        "catalogue + binding pages (the device's name and role) + the proof page + free plan + check",
      Availability: 'the proof page + check (the catalogue is known from the step before)',
      BuyCloudStoragePlan:
        "the device's order pages before (to find the order after an unknown outcome) + buy + the order read back by its id + the device's order pages after (its cloudStorage)",
      DeviceDashboard: "the device's cloud-storage order pages (the first is the proof)",
    };

    const steps: JourneyStep[] = [];
    const step = async (name: string, query: string, variables: Record<string, unknown>) => {
      await h.resetCalls();
      const { value, ms } = await timed(() => h.gql(query, variables, alice));
      const calls = await h.calls();
      const errors = value.body.errors?.length ?? 0;
      steps.push({
        name,
        ms,
        calls: calls.total,
        minimum: minimum[name]!,
        byApi: calls.byApi,
        errors,
      });
      return value;
    };
    log('journey: my devices → plans → availability → buy → the device');
    await step('MyDevices', operation('my-devices'), { first: 50 });
    await step('CloudStoragePlans', operation('cloud-storage-plans'), { iotId: device, ...plan });
    await step('Availability', AVAILABILITY, { iotId: device, ...plan });
    await step('BuyCloudStoragePlan', operation('buy-cloud-storage-plan'), {
      input: buyInput('journey-buy'),
    });
    await step('DeviceDashboard', operation('device-dashboard'), { iotIds: [device], orders: 10 });

    log(`journey: each write ${options.runs} times through subgate and straight to the vendor`);
    const writes = await writeLatencies(h, options.runs);

    log(`journey: ${options.concurrent} identical keyed buys at once, in process and on Redis`);
    // Each on a fresh gateway and emulator: no settling plan changes the device between answers.
    const concurrent = async (env: Record<string, string>) => {
      const fresh = await startHarness({ env });
      try {
        return await concurrentBuys(fresh, options.concurrent);
      } finally {
        await fresh.close();
      }
    };
    const memory = await concurrent({});
    const redisServer = await startRedis();
    let redis;
    try {
      redis = await concurrent({ REDIS_URL: redisServer.url });
    } finally {
      await redisServer.stop();
    }
    return { options, minimumRule, steps, writes, concurrent: { memory, redis } };
  } finally {
    await h.close();
  }
}

/** p50 of each write through subgate and of its vendor call through subgate's own client. */
async function writeLatencies(h: Harness, runs: number): Promise<WriteLatency[]> {
  const ilop = createIlopClient(gatewayConfig(vendorEnv(h.emulatorUrl)).ilop);
  const opts = { iotToken: alice.token };
  const buyParams = { iotId: device, ...plan, copies: 1, userName: 'alice' };
  // Every page of the device's list, as the gateway reads one (the first, then the rest at once).
  const allOf = (list: 'queryCloudStorageOrders' | 'queryStreamingOrders') =>
    loadAll<unknown>({
      maxPageSize: ILOP_MAX_PAGE_SIZE,
      loadPage: (pageNo, pageSize) => ilop[list]({ iotId: device, pageNo, pageSize }, opts),
    });
  // buyCloudStoragePlan's calls: the order pages before (keyed), buy, then the order read back
  // beside the payload device's order pages (as subgate reads them).
  const buyCalls = async () => {
    await allOf('queryCloudStorageOrders');
    const orderId = await ilop.buyCloudStoragePlan(buyParams, opts);
    await Promise.all([
      ilop.getCloudStorageOrder({ iotId: device, orderId }, opts),
      allOf('queryCloudStorageOrders'),
    ]);
  };
  // payStreamingOrder's: the order's detail, pay, the payload device's streaming order pages.
  const payCalls = async (orderId: string) => {
    await ilop.getStreamingOrder({ iotId: device, orderId }, opts);
    await ilop.payStreamingOrder({ iotId: device, orderId }, opts);
    await allOf('queryStreamingOrders');
  };
  try {
    // Warm both paths (connections, JIT) before measuring.
    await h.gql(operation('buy-cloud-storage-plan'), { input: buyInput('warm') }, alice);
    await ilop.buyCloudStoragePlan(buyParams, opts);
    await buyCalls();
    const buy = {
      gateway: [] as number[],
      direct: [] as number[],
      same: [] as number[],
      calls: { total: 0, byApi: {} },
    };
    // Each timed run starts from the dataset's device (untimed reset): its order list stays the
    // demo's size instead of growing by every run's purchase.
    const fresh = async () => {
      await fetch(`${h.emulatorUrl}/__emulator/reset`, { method: 'POST' });
      await h.resetCalls();
    };
    for (let i = 0; i < runs; i++) {
      await fresh();
      const r = await timed(() =>
        h.gql(operation('buy-cloud-storage-plan'), { input: buyInput(`buy-${i}`) }, alice),
      );
      if (r.value.body.data?.buyCloudStoragePlan?.__typename !== 'BuyCloudStoragePlanPayload')
        throw new Error(`journey: buy ${i}: ${JSON.stringify(r.value.body)}`);
      buy.gateway.push(r.ms);
      buy.calls = await h.calls();
      await fresh();
      buy.direct.push((await timed(() => ilop.buyCloudStoragePlan(buyParams, opts))).ms);
      await fresh();
      buy.same.push((await timed(buyCalls)).ms);
    }
    // An unpaid streaming order to pay, made straight at the vendor (untimed) after each reset.
    const unpaid = async () => {
      await fresh();
      const o = await ilop.createStreamingOrder(
        { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 },
        opts,
      );
      await h.resetCalls();
      return o.orderId;
    };
    const payDoc = operation('pay-streaming-order');
    const payVia = (orderId: string, key: string) =>
      h.gql(payDoc, { input: { iotId: device, orderId, idempotencyKey: key } }, alice);
    await payVia(await unpaid(), 'pay-warm');
    await ilop.payStreamingOrder({ iotId: device, orderId: await unpaid() }, opts);
    await payCalls(await unpaid());
    const pay = {
      gateway: [] as number[],
      direct: [] as number[],
      same: [] as number[],
      calls: { total: 0, byApi: {} },
    };
    for (let i = 0; i < runs; i++) {
      const orderId = await unpaid();
      const r = await timed(() => payVia(orderId, `pay-${i}`));
      if (r.value.body.data?.payStreamingOrder?.__typename !== 'PayStreamingOrderPayload')
        throw new Error(`journey: pay ${i}: ${JSON.stringify(r.value.body)}`);
      pay.gateway.push(r.ms);
      pay.calls = await h.calls();
      const alone = await unpaid();
      pay.direct.push(
        (await timed(() => ilop.payStreamingOrder({ iotId: device, orderId: alone }, opts))).ms,
      );
      const another = await unpaid();
      pay.same.push((await timed(() => payCalls(another))).ms);
    }
    return [
      {
        mutation: 'buyCloudStoragePlan',
        callsPerRun: buy.calls.total,
        byApi: buy.calls.byApi,
        gatewayP50: p50(buy.gateway),
        directP50: p50(buy.direct),
        sameCallsP50: p50(buy.same),
      },
      {
        mutation: 'payStreamingOrder',
        callsPerRun: pay.calls.total,
        byApi: pay.calls.byApi,
        gatewayP50: p50(pay.gateway),
        directP50: p50(pay.direct),
        sameCallsP50: p50(pay.same),
      },
    ];
  } finally {
    await ilop.close();
  }
}

/** `n` identical keyed buys at once: vendor buy calls and how many different answers came back. */
async function concurrentBuys(h: Harness, n: number) {
  await h.resetCalls();
  const input = buyInput('double-click');
  const answers = await Promise.all(
    Array.from({ length: n }, () =>
      h.gql(operation('buy-cloud-storage-plan'), { input }, alice).then((r) => r.body),
    ),
  );
  const writes = (await h.calls()).byApi['/vision/customer/cloudstorage/commodity/buy'] ?? 0;
  const orders = answers.map((a) => a.data?.buyCloudStoragePlan?.order?.orderId ?? 'none');
  return {
    writes,
    distinctAnswers: new Set(answers.map((a) => JSON.stringify(a.data ?? a))).size,
    distinctOrders: new Set(orders).size,
  };
}

export function formatJourney(r: JourneyResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const apis = (byApi: Record<string, number>) =>
    Object.entries(byApi)
      .map(([api, n]) => `${api.replace(/^\/vision\/customer\//, '')} ${n}`)
      .join(', ');
  return [
    `## Purchase journey (a signed-in user, in process, emulator latency 0, vendor cache off)`,
    '',
    '| step | vendor calls | minimum | latency | errors | calls by API |',
    '|---|---|---|---|---|---|',
    ...r.steps.map(
      (s) =>
        `| ${s.name} | ${s.calls} | ${s.minimum} | ${ms(s.ms)} | ${s.errors} | ${apis(s.byApi)} |`,
    ),
    '',
    'Minimum per step:',
    ...Object.entries(r.minimumRule).map(([name, rule]) => `- ${name}: ${rule}`),
    '',
    `| write (${r.options.runs} runs, p50) | vendor calls per run | through subgate | its vendor write alone | added | the same calls alone | added over them (the gateway's own) |`,
    '|---|---|---|---|---|---|---|',
    ...r.writes.map(
      (w) =>
        `| ${w.mutation} | ${w.callsPerRun} (${apis(w.byApi)}) | ${ms(w.gatewayP50)} | ${ms(w.directP50)} | ${ms(w.gatewayP50 - w.directP50)} | ${ms(w.sameCallsP50)} | ${ms(w.gatewayP50 - w.sameCallsP50)} |`,
    ),
    '',
    `| ${r.options.concurrent} identical keyed buys at once | vendor buy calls | distinct orders | distinct answers |`,
    '|---|---|---|---|',
    ...(['memory', 'redis'] as const).map((where) => {
      const c = r.concurrent[where];
      return `| ${where === 'memory' ? 'in process' : 'on Redis'} | ${c.writes} | ${c.distinctOrders} | ${c.distinctAnswers} |`;
    }),
  ].join('\n');
}
