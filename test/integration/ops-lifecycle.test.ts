/**
 * Operating subgate: /metrics in Prometheus text with the run's vendor calls, graceful
 * shutdown (a slow query finishes, new connections are refused, exit 0), and production mode
 * refusing demo credentials.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { shutdown, trackInFlight } from '../../src/server/lifecycle.js';
import { createLogger } from '../../src/ops/logger.js';
import { ACCESS_KEY, ADMIN_KEY, APP, startHarness, vendorEnv, type Harness } from '../harness.js';
import { startHoldingProxy } from '../holding-proxy.js';
import { freePort, sample, startReplica } from './ops-support.js';
import { tempDataDir } from '../gateway-config.js';

const ORDER_QUERY = '/vision/customer/cloudstorage/order/query';
const SLOW_QUERY = `{ device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 2) { totalCount } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const post = (url: string, query: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
    body: JSON.stringify({ query }),
  });

describe('/metrics', () => {
  it('is Prometheus text and shows the vendor calls of the run', async () => {
    const r = await startReplica(h.emulatorUrl);
    try {
      await r.gql(
        `query DeviceOrders { device(iotId: "${DEMO_DEVICES.aliceExample}") { cloudStorageOrders(first: 2) { totalCount } } }`,
      );
      const res = await fetch(`${r.base}/metrics`);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      // prom-client writes a gauge with no samples yet (the event-loop lag before its first
      // reading) as `Nan`, which Prometheus' parser (Go's ParseFloat) reads case-insensitively.
      const sampleLine =
        /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?([0-9.e+-]+|NaN|Nan|\+Inf|-Inf)$/;
      for (const line of text.split('\n')) {
        if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
        expect(line).toMatch(sampleLine);
      }
      expect(sample(text, 'subgate_vendor_calls_total', { api: ORDER_QUERY, outcome: 'ok' })).toBe(
        1,
      );
      expect(sample(text, 'subgate_vendor_call_duration_seconds_count', { api: ORDER_QUERY })).toBe(
        1,
      );
      expect(
        sample(text, 'subgate_graphql_requests_total', {
          operation: 'DeviceOrders',
          outcome: 'ok',
        }),
      ).toBe(1);
      expect(text).toContain('subgate_flow_control_queue_length{vendor="bss"} 0');
      // No credential ever becomes a label.
      expect(text).not.toContain(ADMIN_KEY);
      expect(text).not.toContain(ACCESS_KEY.accessKeyId);
    } finally {
      await r.close();
    }
  });
});

describe('shutdown', () => {
  it('fails readiness, refuses new connections and lets the in-flight query finish', async () => {
    // The query's vendor answer held until the shutdown has begun.
    const proxy = await startHoldingProxy(() => h.emulatorUrl);
    const r = await startReplica(proxy.url);
    const inFlight = trackInFlight(r.server);
    const hold = proxy.hold(ORDER_QUERY);
    try {
      const slow = post(r.url, SLOW_QUERY);
      await hold.arrived;
      expect(inFlight.count()).toBe(1);
      let readyDuringDrain = 0;
      const done = shutdown({
        server: r.server,
        inFlight,
        gateway: {
          beginShutdown: () => r.gateway.beginShutdown(),
          close: async () => {
            readyDuringDrain = (await r.gateway.yoga.fetch('http://x/readyz')).status;
            await r.gateway.close();
          },
        },
        timeoutMs: 5000,
        logger: createLogger('silent'),
      });
      await expect(fetch(`${r.base}/healthz`)).rejects.toThrow();
      hold.release();
      const res = await slow;
      expect(res.status).toBe(200);
      expect((await res.json()).data.device.cloudStorageOrders.totalCount).toBeGreaterThan(0);
      expect(await done).toBe(true);
      expect(readyDuringDrain).toBe(503);
    } finally {
      hold.release();
      await proxy.close();
    }
  });

  it('npm start: SIGTERM during a slow query lets it finish, then exits 0', async () => {
    // The query's vendor answer held until the process has begun to drain.
    const proxy = await startHoldingProxy(() => h.emulatorUrl);
    const hold = proxy.hold(ORDER_QUERY);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: tempDataDir(), // the billing index's file, never in the repository
        ...vendorEnv(proxy.url),
        PORT: String(port),
        SHUTDOWN_TIMEOUT_MS: '5000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = createInterface({ input: child.stdout! });
    const logs: string[] = [];
    /** Resolves at the first log line that includes `text`. */
    const logged = (text: string) =>
      new Promise<void>((resolve, reject) => {
        if (logs.some((l) => l.includes(text))) return resolve();
        lines.on('line', (line) => line.includes(text) && resolve());
        child.once('exit', () => reject(new Error(`exited before "${text}":\n${logs.join('\n')}`)));
      });
    lines.on('line', (line) => logs.push(line));
    try {
      await logged('subgate listening');
      const slow = post(`http://127.0.0.1:${port}/graphql`, SLOW_QUERY);
      await hold.arrived; // the query is in flight
      child.kill('SIGTERM');
      await logged('shutting down: draining requests');
      hold.release();
      const res = await slow;
      expect(res.status).toBe(200);
      expect((await res.json()).data.device.cloudStorageOrders.totalCount).toBeGreaterThan(0);
      expect(await exited).toBe(0);
      expect(logs.some((l) => l.includes('"msg":"shut down"'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
      hold.release();
      await proxy.close();
    }
  });
});

describe('start-up checks', () => {
  it('production mode refuses demo mode and demo credentials, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({
        NODE_ENV: 'production',
        ILOP_ENDPOINT: 'https://api.link.aliyun.com',
        BSS_ENDPOINT: 'https://business.aliyuncs.com',
        ILOP_APP_KEY: '24681357',
        ILOP_APP_SECRET: 'subgate-demo-app-secret',
        BSS_ACCESS_KEY_ID: 'LTAIsubgateDemoKey',
        BSS_ACCESS_KEY_SECRET: 'subgate-demo-access-key-secret',
        GATEWAY_ADMIN_KEYS: 'subgate-demo-admin-key',
      });
      expect.unreachable();
    } catch (err) {
      const message = (err as ConfigError).message;
      expect(message).toContain('ILOP_APP_SECRET is the demo value');
      expect(message).toContain('BSS_ACCESS_KEY_SECRET is the demo value');
      expect(message).toContain('GATEWAY_ADMIN_KEYS holds the demo key');
      expect(message).not.toContain('subgate-demo-app-secret');
    }
  });

  it('production mode says only what is true of a missing credential', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'production', ...env });
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return expect.unreachable();
    };
    // Endpoints set, no credentials: each is required, none is "the demo value".
    expect(
      problems({
        ILOP_ENDPOINT: 'https://api.link.aliyun.com',
        BSS_ENDPOINT: 'https://business.aliyuncs.com',
      }),
    ).toEqual([
      'ILOP_APP_KEY is required when vendor endpoints are configured',
      'ILOP_APP_SECRET is required when vendor endpoints are configured',
      'BSS_ACCESS_KEY_ID is required when vendor endpoints are configured',
      'BSS_ACCESS_KEY_SECRET is required when vendor endpoints are configured',
    ]);
    // No endpoints and no admin keys: demo mode is refused, and no key is called the demo key.
    expect(problems({})).toEqual([
      'NODE_ENV=production needs real vendor endpoints (demo mode refused)',
    ]);
    // One problem is one line.
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^Invalid configuration: NODE_ENV=production needs real vendor endpoints \(demo mode refused\)$/,
    );
  });

  it('without GATEWAY_ADMIN_KEYS outside demo mode there is no admin key at all', () => {
    const config = loadConfig({
      ILOP_ENDPOINT: 'https://api.link.aliyun.com',
      BSS_ENDPOINT: 'https://business.aliyuncs.com',
      ILOP_APP_KEY: APP.appKey,
      ILOP_APP_SECRET: APP.appSecret,
      BSS_ACCESS_KEY_ID: ACCESS_KEY.accessKeyId,
      BSS_ACCESS_KEY_SECRET: ACCESS_KEY.accessKeySecret,
    });
    expect(config.adminKeys).toEqual([]);
  });

  it('refuses bad operations settings', () => {
    expect(() =>
      loadConfig({
        RESPONSE_CACHE_ENTRIES: '-1',
        BSS_QPS: '-1',
        BSS_CONCURRENCY: '0',
        BREAKER_FAILURES: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'nope',
      }),
    ).toThrow(
      /RESPONSE_CACHE_ENTRIES[\s\S]*BSS_QPS[\s\S]*BSS_CONCURRENCY[\s\S]*BREAKER_FAILURES[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    const defaults = loadConfig({});
    expect(defaults.ops.bssConcurrency).toBe(8);
    expect(defaults.responseCacheEntries).toBe(100);
    expect(loadConfig({ BSS_CONCURRENCY: '32' }).ops.bssConcurrency).toBe(32);
  });

  it('reads the billing index settings, and refuses bad ones', () => {
    expect(loadConfig({}).billingIndex).toEqual({
      enabled: true,
      horizonDays: 396,
      recentHours: 24,
      recentPeriodMs: 5_000,
      fullSweepHours: 24,
      leaseMs: 15_000,
      dataDir: null, // demo mode: in memory, as the embedded emulator's orders are
      sqliteCacheMb: 2,
    });
    expect(loadConfig(vendorEnv('http://127.0.0.1:9')).billingIndex.dataDir).toBe('data');
    expect(
      loadConfig({
        BILLING_INDEX: 'false',
        BILLING_INDEX_HORIZON_DAYS: '30',
        BILLING_INDEX_RECENT_HOURS: '72',
        BILLING_INDEX_RECENT_PERIOD_MS: '2000',
        BILLING_INDEX_FULL_SWEEP_HOURS: '6',
        BILLING_INDEX_LEASE_MS: '30000',
        DATA_DIR: '/var/lib/subgate',
        BILLING_INDEX_SQLITE_CACHE_MB: '64',
      }).billingIndex,
    ).toEqual({
      enabled: false,
      horizonDays: 30,
      recentHours: 72,
      recentPeriodMs: 2_000,
      fullSweepHours: 6,
      leaseMs: 30_000,
      dataDir: '/var/lib/subgate',
      sqliteCacheMb: 64,
    });
    expect(() =>
      loadConfig({
        BILLING_INDEX: 'maybe',
        BILLING_INDEX_HORIZON_DAYS: '0',
        BILLING_INDEX_RECENT_HOURS: '1.5',
        BILLING_INDEX_RECENT_PERIOD_MS: '100',
        BILLING_INDEX_FULL_SWEEP_HOURS: '-1',
        BILLING_INDEX_SQLITE_CACHE_MB: '0',
      }),
    ).toThrow(
      /BILLING_INDEX must[\s\S]*BILLING_INDEX_HORIZON_DAYS[\s\S]*BILLING_INDEX_RECENT_HOURS[\s\S]*BILLING_INDEX_RECENT_PERIOD_MS[\s\S]*BILLING_INDEX_FULL_SWEEP_HOURS[\s\S]*BILLING_INDEX_SQLITE_CACHE_MB/,
    );
    // A lease shorter than one BSS call would let a second replica sweep alongside its holder.
    expect(() => loadConfig({ BILLING_INDEX_LEASE_MS: '5000' })).toThrow(
      'BILLING_INDEX_LEASE_MS (5000) must be longer than BSS_TIMEOUT_MS (5000)',
    );
    expect(
      loadConfig({ BILLING_INDEX_LEASE_MS: '5000', BSS_TIMEOUT_MS: '2000' }).billingIndex,
    ).toMatchObject({ leaseMs: 5_000 });
  });
});
