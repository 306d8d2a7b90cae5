/**
 * For the operations tests: a real redis-server on a free loopback port, and gateways started
 * against one emulator (replicas), each on its own ephemeral port.
 */
import { gatewayConfig } from '../gateway-config.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createGateway, type Gateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/ops/logger.js';
import { attachGraphqlWs, type WebSocketHandle } from '../../src/server/graphql-ws.js';
import { authHeaders, emulatorControl, vendorEnv, type As, type GqlResult } from '../harness.js';

export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing on disk). */
  start(): Promise<void>;
}

/** redis-server has no `--port 0`: take a free port, then wait until it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch (err) {
        if (i > 100 || child.exitCode !== null)
          throw new Error(`redis-server did not start: ${err}`);
        await sleep(50);
      }
    }
    probe.disconnect();
  };
  await start();
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    start,
  };
}

export interface Replica {
  url: string;
  base: string;
  gateway: Gateway;
  server: Server;
  webSockets: WebSocketHandle;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: As,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  metrics(): Promise<string>;
  close(): Promise<void>;
}

export async function startReplica(
  emulatorUrl: string,
  env: Record<string, string> = {},
  logLines?: string[],
  /** The gateway's clock (GatewayOptions.now). */
  now?: () => number,
): Promise<Replica> {
  const config = gatewayConfig({
    ...vendorEnv(emulatorUrl),
    LOG_LEVEL: logLines ? 'info' : 'silent',
    // As in the harness: the shared read cache only where a test asks for it.
    VENDOR_CACHE_TTL_MS: '0',
    BILLING_INDEX: 'false',
    ...env,
  });
  const logger = createLogger(
    config.logLevel,
    logLines ? { write: (line: string) => void logLines.push(line) } : undefined,
  );
  const gateway = createGateway(config, { logger, now });
  const server = createServer(gateway.yoga);
  const webSockets = attachGraphqlWs(server, gateway, config.subscriptions.heartbeatMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/graphql`;
  return {
    url,
    base,
    gateway,
    server,
    webSockets,
    async gql(query, variables, as = 'admin', headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...authHeaders(as),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    metrics: () => fetch(`${base}/metrics`).then((r) => r.text()),
    async close() {
      gateway.beginShutdown();
      await webSockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gateway.close();
    },
  };
}

/**
 * Barriers on a gateway's HTTP server, counting requests from 1 in arrival order: `arrived(n)`
 * once the n-th is in; `gone(n)` once its connection closed before its answer, a tick after the
 * gateway saw it (its listener, added first, aborted the request's signal on that event).
 */
export function watchRequests(server: Server) {
  const arrivals: { res: ServerResponse }[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  server.on('request', (_req, res) => {
    arrivals.push({ res });
    for (const w of waiting.filter((w) => w.n === arrivals.length)) w.resolve();
  });
  const arrived = (n: number) =>
    arrivals.length >= n
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.push({ n, resolve }));
  return {
    arrived,
    async gone(n: number) {
      await arrived(n);
      const { res } = arrivals[n - 1]!;
      if (!res.writableFinished && !res.destroyed)
        await new Promise<void>((resolve) => res.once('close', () => resolve()));
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The series of `name` in Prometheus text whose labels include `labels`, as label text and value. */
function series(text: string, name: string, labels: Record<string, string>) {
  const all = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
  const matching = all.filter((line) =>
    Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)),
  );
  return { all, matching };
}
const total = (lines: string[]) =>
  lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

/**
 * The sum of the samples of `name` whose labels include `labels`. No such series is an error, not
 * 0: a renamed metric or label must fail the test that reads it.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const { all, matching } = series(text, name, labels);
  if (matching.length === 0) {
    throw new Error(
      `no series ${name}${JSON.stringify(labels)} (${all.length} series of ${name}: ${all.slice(0, 5).join('; ')})`,
    );
  }
  return total(matching);
}

/**
 * A labelled counter that has no series until first counted (prom-client writes none before):
 * 0 when no series has `labels`' values, but the metric must be declared and, once it has series,
 * carry each label name, so a renamed metric or label is still an error. A misspelled label value
 * would still read 0: a value read as 0 needs a test that reads it above 0 (THROTTLED: the
 * replicas without Redis in ops-replicas.test.ts).
 */
export function counted(text: string, name: string, labels: Record<string, string>): number {
  if (!text.includes(`\n# TYPE ${name} `)) throw new Error(`no metric ${name}`);
  const { all, matching } = series(text, name, labels);
  for (const key of Object.keys(labels)) {
    if (all.length > 0 && !all.some((line) => new RegExp(`[{,]${key}="`).test(line))) {
      throw new Error(`no series ${name} with a label ${key} (${all.length} series of ${name})`);
    }
  }
  return total(matching);
}

/** The outcome label of a BSS call the vendor throttled. */
export const THROTTLED = { outcome: 'Throttling.User' } as const;
/** Vendor calls answered Throttling.User, from a gateway's metrics. */
export const throttledCalls = (text: string) =>
  counted(text, 'subgate_vendor_calls_total', THROTTLED);

/**
 * 24 distinct BSS billing windows (no two share a cache entry), half on each of two replicas,
 * while the emulator throttles past 10 calls in any second: what came back, how long it took, and
 * the Throttling.User answers each replica met.
 */
export async function billingBurst(
  [a, b]: [Replica, Replica],
  control: ReturnType<typeof emulatorControl>,
  year: number,
) {
  await control('PUT', 'faults', [{ maxQps: 10 }]);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      (i % 2 ? a : b).gql(readFileSync('schema/operations/billing-list.graphql', 'utf8'), {
        filter: { createdAfter: new Date(Date.UTC(year, 0, 1 + i)).toISOString() },
        first: 5,
      }),
    ),
  );
  const elapsed = performance.now() - started;
  await control('PUT', 'faults', []);
  const throttled = [await a.metrics(), await b.metrics()].map(throttledCalls);
  return { results, elapsed, throttled };
}
