/**
 * Starts the emulator and the gateway on ephemeral loopback ports, as `npm start` wires them,
 * and talks to both over real HTTP, as a frontend (and an operator) would.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfig } from './gateway-config.js';
import type { Dataset } from '../src/emulator/dataset-schema.js';
import { createEmulator, type EmulatorOptions } from '../src/emulator/server.js';
import { createGateway, type GatewayOptions } from '../src/server/gateway.js';
import { createLogger } from '../src/ops/logger.js';
import { attachGraphqlWs } from '../src/server/graphql-ws.js';

/** A client operation as the frontend sends it: schema/operations/<name>.graphql. */
export const operation = (name: string) =>
  readFileSync(`schema/operations/${name}.graphql`, 'utf8');

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const APP = { appKey: '24681357', appSecret: 'test-app-secret-for-harness' };
export const ACCESS_KEY = {
  accessKeyId: 'LTAItestHarness',
  accessKeySecret: 'test-ak-secret-harness',
};

/** The environment of a gateway on vendors at `endpoint` (an emulator) with the test credentials. */
export function vendorEnv(endpoint: string) {
  return {
    ILOP_ENDPOINT: endpoint,
    BSS_ENDPOINT: endpoint,
    ILOP_APP_KEY: APP.appKey,
    ILOP_APP_SECRET: APP.appSecret,
    BSS_ACCESS_KEY_ID: ACCESS_KEY.accessKeyId,
    BSS_ACCESS_KEY_SECRET: ACCESS_KEY.accessKeySecret,
    GATEWAY_ADMIN_KEYS: ADMIN_KEY,
  };
}

/** A clock that moves only when told: `now` for the gateway, `advance(ms)` in the test. */
export function manualClock(start = Date.now()) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export type As = 'admin' | { token: string } | 'anonymous';

export interface GqlResult<T = any> {
  status: number;
  headers: Headers;
  body: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: any }[];
    extensions?: any;
  };
}

export interface Harness {
  url: string;
  /** The gateway's Prometheus text. */
  metrics(): Promise<string>;
  emulatorUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: As): Promise<GqlResult<T>>;
  calls(): Promise<{ total: number; byApi: Record<string, number> }>;
  resetCalls(): Promise<void>;
  state(): Promise<Dataset>;
  setState(dataset: Dataset): Promise<void>;
  setFaults(rules: unknown[]): Promise<void>;
  /** The emulator's vendor flow control (`GET /__emulator/limits`). */
  limits(): Promise<{ bssQps: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataset?: Dataset;
  /** Extra environment for loadConfig (e.g. timeouts). */
  env?: Record<string, string>;
  logLines?: string[];
  graphiql?: GatewayOptions['graphiql'];
  /**
   * One clock for the gateway (caches, breakers, the billing index) and the emulator: a
   * manualClock() to step past a TTL without sleeping, or tests that move time.
   */
  now?: () => number;
  /** The emulator's BSS flow control (default on, as BSS: 10 calls/s per API); 0 turns it off. */
  emulatorBssQps?: EmulatorOptions['bssQps'];
  /** What decides the emulator's `failureRate` faults (default Math.random). */
  emulatorRandom?: EmulatorOptions['random'];
}

/** The emulator's control API (`/__emulator/...`), as an operator would call it. */
export function emulatorControl(emulatorUrl: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulatorUrl}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

export function authHeaders(as: As): Record<string, string> {
  if (as === 'admin') return { 'x-api-key': ADMIN_KEY };
  if (as === 'anonymous') return {};
  return { authorization: `Bearer ${as.token}` };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await createEmulator({
    apps: [APP],
    accessKeys: [ACCESS_KEY],
    ...(options.dataset ? { dataset: options.dataset } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.emulatorBssQps === undefined ? {} : { bssQps: options.emulatorBssQps }),
    ...(options.emulatorRandom ? { random: options.emulatorRandom } : {}),
  });
  const config = gatewayConfig({
    ...vendorEnv(emulator.url),
    PORT: '0',
    LOG_LEVEL: options.logLines ? 'debug' : 'silent',
    // Tests count vendor calls per request: the shared cache is on only where a test asks for it.
    VENDOR_CACHE_TTL_MS: '0',
    // Likewise the gateway's BSS flow control (10/s in production): on only where a test asks for it.
    // The emulator throttles as BSS does (emulatorBssQps), so a test that bursts BSS turns one on or
    // the other off.
    BSS_QPS: '0',
    // And the billing index, whose background sweeps would add QueryOrders calls to every count.
    BILLING_INDEX: 'false',
    ...options.env,
  });
  const logLines = options.logLines;
  const logger = createLogger(
    config.logLevel,
    logLines ? { write: (line: string) => void logLines.push(line) } : undefined,
  );
  const gateway = createGateway(config, { logger, graphiql: options.graphiql, now: options.now });
  const server = createServer(gateway.yoga);
  const webSockets = attachGraphqlWs(server, gateway, config.subscriptions.heartbeatMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const control = emulatorControl(emulator.url);

  return {
    url,
    metrics: () => fetch(new URL('/metrics', url)).then((r) => r.text()),
    emulatorUrl: emulator.url,
    async gql(query, variables, as = 'admin') {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...authHeaders(as),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    calls: () => control('GET', 'calls'),
    resetCalls: () => control('DELETE', 'calls'),
    state: () => control('GET', 'state'),
    setState: (dataset) => control('PUT', 'state', dataset),
    setFaults: (rules) => control('PUT', 'faults', rules),
    limits: () => control('GET', 'limits'),
    async close() {
      gateway.beginShutdown();
      await webSockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gateway.close();
      await emulator.close();
    },
  };
}
