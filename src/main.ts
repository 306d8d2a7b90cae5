/**
 * The only process entry and the only reader of process.env:
 * `npm start` → the gateway (demo mode: with the emulator embedded); `npm run emulator` → the emulator alone.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import {
  ConfigError,
  loadConfig,
  portInUse,
  withEmulator,
  type Config,
  type DemoConfig,
} from './config.js';
import type { EmulatorOptions } from './emulator/server.js';
import { createGateway } from './server/gateway.js';
import { createMetricsServer } from './server/metrics-server.js';
import { shutdown, trackInFlight } from './server/lifecycle.js';
import { attachGraphqlWs } from './server/graphql-ws.js';
import { createLogger } from './ops/logger.js';
import { startTracing } from './ops/tracing.js';

async function startEmulatorOnly(): Promise<void> {
  const { startEmulatorFromEnv, EmulatorConfigError } = await import('./emulator/cli.js');
  const emulator = await startEmulatorFromEnv(process.env).catch((err: unknown) => {
    throw err instanceof EmulatorConfigError ? new ConfigError(err.problems) : err;
  });
  onSignal(() => emulator.close());
}

/** Demo mode: the emulator with the demo dataset, then the config completed with its URL. */
async function startDemo(demoConfig: DemoConfig) {
  const { DEMO_EXAMPLE, demoDataset } = await import('./emulator/dataset.js');
  const { describeDemo } = await import('./emulator/banner.js');
  // Built here and handed to the worker, so the banner describes exactly what it serves.
  const dataset = demoDataset();
  const { ilop, bss } = demoConfig;
  const emulator = await startEmulatorWorker({
    dataset,
    apps: [{ appKey: ilop.appKey, appSecret: ilop.appSecret }],
    accessKeys: [{ accessKeyId: bss.accessKeyId, accessKeySecret: bss.accessKeySecret }],
    latencyMs: demoConfig.emulator.latencyMs,
    bssQps: demoConfig.emulator.bssQps,
  });
  return {
    config: withEmulator(demoConfig, emulator.url),
    close: emulator.close,
    demo: { ...DEMO_EXAMPLE, holdings: describeDemo(dataset) },
  };
}

async function startGateway(loaded: Config | DemoConfig): Promise<void> {
  const logger = createLogger(loaded.logLevel);
  const stopTracing = await startTracing(loaded.ops.otlpEndpoint);
  const {
    config,
    close: closeEmulator,
    demo,
  } = loaded.demo ? await startDemo(loaded) : { config: loaded, close: async () => {}, demo: null };
  const adminKey = config.adminKeys[0]!;
  const gateway = createGateway(config, {
    logger,
    graphiql: demo
      ? { headers: { Authorization: `Bearer ${demo.token}` }, exampleIotId: demo.iotId }
      : undefined,
  });
  const server = createServer(gateway.yoga);
  const inFlight = trackInFlight(server);
  const port = await listen(server, config.host, config.port, 'PORT');
  // After listening: a WebSocket server re-emits the listener's errors (a busy PORT) as its own.
  const webSockets = attachGraphqlWs(server, gateway, config.subscriptions.heartbeatMs);
  const url = `http://${config.host}:${port}/graphql`;
  // METRICS_PORT: /metrics on a listener of its own (the main port then answers 404 for it).
  let metricsServer: Server | null = null;
  let metricsUrl = `http://${config.host}:${port}/metrics`;
  if (config.metrics.port !== null) {
    const { host, port: wanted } = config.metrics;
    metricsServer = createMetricsServer(gateway.metrics);
    metricsUrl = `http://${host}:${await listen(metricsServer, host, wanted, 'METRICS_PORT')}/metrics`;
  }
  logger.info({ url, metrics: metricsUrl, demo: demo !== null }, 'subgate listening');
  if (demo) {
    console.log(`
subgate is running in demo mode on the embedded vendor emulator (${config.ilop.endpoint}).

  GraphiQL:        ${url}
  demo user token: ${demo.token}   (header  Authorization: Bearer ${demo.token})
  demo admin key:  ${adminKey}   (header  X-Api-Key: ${adminKey})

${demo.holdings.join('\n')}

Try it:
  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${demo.token}' \\
    -d '{"query":"{ device(iotId: \\"${demo.iotId}\\") { cloudStorage { activePlan { commodityCode endTime } serviceEndsAt } cloudStorageOrders(first: 3) { totalCount edges { node { orderId status price { amount currency } } } } } }"}'
`);
  }
  onSignal(async () => {
    await shutdown({
      server,
      inFlight,
      gateway,
      webSockets,
      timeoutMs: config.ops.shutdownTimeoutMs,
      logger,
      after: async () => {
        metricsServer?.close();
        metricsServer?.closeAllConnections(); // a scraper's keep-alive connection
        await closeEmulator();
        await stopTracing();
      },
    });
  });
}

/** Binds `server`; the port it got. A port another process holds is the variable's fault. */
async function listen(server: Server, host: string, port: number, variable: string) {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    throw portInUse(variable, host, port);
  });
  return (server.address() as AddressInfo).port;
}

/** worker.js beside the `npm start` bundle; from source, worker.ts through tsx. */
function emulatorWorker(workerData: EmulatorOptions): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./emulator/worker.js', here), { workerData });
  // A worker does not inherit tsx's --import hooks: it registers them before loading the entry.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./emulator/worker.ts', here).href);
  const code = `import(${tsx}).then((api) => { api.register(); return import(${entry}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** The demo emulator in a worker thread (emulator/worker.ts says why). */
async function startEmulatorWorker(
  options: EmulatorOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const worker = emulatorWorker(options);
  const exited = once(worker, 'exit');
  const [{ url }] = (await Promise.race([
    once(worker, 'message'),
    exited.then(([code]) => {
      throw new Error(`the demo emulator stopped before listening (exit ${String(code)})`);
    }),
  ])) as [{ url: string }];
  return {
    url,
    async close() {
      worker.postMessage('close');
      await exited;
    },
  };
}

function onSignal(close: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

async function main(): Promise<void> {
  try {
    if (process.argv[2] === 'emulator') return await startEmulatorOnly();
    await startGateway(loadConfig(process.env));
  } catch (err) {
    // The operator's mistake, named by its variable: no stack trace.
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

await main();
