/**
 * The benchmark's server process (forked, so its RSS is its own): subgate (`batched`), the naive
 * baseline (`naive`: subgate with naive-loaders.ts) or the bare-yoga floor (`floor`), on an
 * ephemeral loopback port. Talks to the runner over IPC: `ready` with the port, `rss` (peak RSS
 * and CPU time used) on request, `close` to exit (which also writes a `--cpu-prof` profile when
 * the runner asked for one).
 */
import { gatewayConfig } from '../gateway-config.js';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from '../../src/server/gateway.js';
import { createLogger } from '../../src/ops/logger.js';
import { createFloorYoga, type RecordedResponses } from './floor.js';
import { naiveLoaders } from './naive-loaders.js';

export type ServerMode = 'batched' | 'naive' | 'floor';

export interface ServerSpec {
  mode: ServerMode;
  /** Environment for loadConfig (gateway modes). */
  env: Record<string, string>;
  /** JSON file of recorded responses and the SDL (floor mode; paths, as the bundle moves). */
  responsesFile?: string;
  sdlFile?: string;
}

export type ToServer =
  | { type: 'rss' }
  | { type: 'reset-rss' }
  | { type: 'memory' }
  | { type: 'published' }
  | { type: 'close' };
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'rss'; maxRss: number; cpuMicros: number }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number; external: number }
  | { type: 'published'; at: Record<string, number> };

const spec = JSON.parse(process.env.BENCH_SERVER_SPEC ?? '{}') as ServerSpec;
const send = (msg: FromServer) => process.send?.(msg);

let close: () => Promise<void> = async () => {};
let handler: Parameters<typeof createServer>[1];
/** When each write through this gateway published its change (`orderId:paymentStatus` → epoch ms). */
const published: Record<string, number> = {};
if (spec.mode === 'floor') {
  const responses = JSON.parse(readFileSync(spec.responsesFile!, 'utf8')) as RecordedResponses;
  handler = createFloorYoga(responses, spec.sdlFile);
} else {
  const config = gatewayConfig({ LOG_LEVEL: 'silent', ...spec.env });
  const gateway = createGateway(config, {
    logger: createLogger('silent'),
    ...(spec.mode === 'naive' ? { loaders: naiveLoaders } : {}),
  });
  handler = gateway.yoga;
  close = () => gateway.close();
  // The live bench measures delivery at its subscribers from the moment a write published.
  const { live } = gateway;
  const changed = live.changed.bind(live);
  live.changed = (orders, source) => {
    const at = Date.now();
    for (const o of orders) published[`${o.orderId}:${o.paymentStatus}`] ??= at;
    changed(orders, source);
  };
}

const server = createServer(handler);
server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
});

process.on('message', (msg: ToServer) => {
  if (msg.type === 'rss') {
    // The kernel's peak resident set of this process (KiB), sampled continuously for free.
    // With it the CPU time used so far (user + system), for the CPU per request under load.
    const usage = process.resourceUsage();
    send({
      type: 'rss',
      maxRss: usage.maxRSS * 1024,
      cpuMicros: usage.userCPUTime + usage.systemCPUTime,
    });
  } else if (msg.type === 'memory') {
    // The resident set now, after a full collection when run with --expose-gc.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    send({ type: 'memory', rss, heapUsed, heapTotal, external });
  } else if (msg.type === 'published') {
    send({ type: 'published', at: published });
  } else if (msg.type === 'close') {
    server.closeAllConnections();
    server.close();
    void close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
