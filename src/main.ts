/**
 * The only process entry and the only reader of process.env:
 * `npm start` → the gateway (demo mode: with the emulator embedded); `npm run emulator` → the emulator alone.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { ConfigError, loadConfig, portInUse, type Config } from './config.js';
import type { EmulatorOptions } from './emulator/server.js';
import { createGateway } from './server/gateway.js';
import { shutdown, trackInFlight } from './server/lifecycle.js';
import { createLogger } from './ops/logger.js';
import { startTracing } from './ops/tracing.js';

async function startEmulatorOnly(): Promise<void> {
  const { startEmulatorFromEnv, EmulatorConfigError } = await import('./emulator/cli.js');
  const emulator = await startEmulatorFromEnv(process.env).catch((err: unknown) => {
    throw err instanceof EmulatorConfigError ? new ConfigError(err.problems) : err;
  });
  onSignal(() => emulator.close());
}

async function startGateway(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const stopTracing = await startTracing(config.ops.otlpEndpoint);
  let closeEmulator = async () => {};
  let demo: { token: string; iotId: string; holdings: string[] } | null = null;
  if (config.demo) {
    const { DEMO_EXAMPLE, demoDataset } = await import('./emulator/dataset.js');
    const { describeDemo } = await import('./emulator/banner.js');
    // Built here and handed to the worker, so the banner describes exactly what it serves.
    const dataset = demoDataset();
    const emulator = await startEmulatorWorker({
      dataset,
      apps: [{ appKey: config.ilop.appKey, appSecret: config.ilop.appSecret }],
      accessKeys: [
        { accessKeyId: config.bss.accessKeyId, accessKeySecret: config.bss.accessKeySecret },
      ],
      latencyMs: config.emulator.latencyMs,
      bssQps: config.emulator.bssQps,
    });
    config.ilop.endpoint = emulator.url;
    config.bss.endpoint = emulator.url;
    closeEmulator = emulator.close;
    demo = { ...DEMO_EXAMPLE, holdings: describeDemo(dataset) };
  }
  const adminKey = config.adminKeys[0]!;
  const gateway = createGateway(config, {
    logger,
    graphiql: demo
      ? { headers: { Authorization: `Bearer ${demo.token}` }, exampleIotId: demo.iotId }
      : undefined,
  });
  const server = createServer(gateway.yoga);
  const inFlight = trackInFlight(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    throw portInUse('PORT', config.host, config.port);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, demo: config.demo }, 'subgate listening');
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
      timeoutMs: config.ops.shutdownTimeoutMs,
      logger,
      after: async () => {
        await closeEmulator();
        await stopTracing();
      },
    });
  });
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
