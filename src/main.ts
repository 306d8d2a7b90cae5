/**
 * The only process entry and the only reader of process.env (design §2):
 * `npm start` → the gateway (demo mode: with the emulator embedded); `npm run emulator` → the emulator alone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createGateway } from './gateway.js';
import { shutdown, trackInFlight } from './lifecycle.js';
import { createLogger } from './logger.js';
import { startTracing } from './tracing.js';

async function startEmulatorOnly(): Promise<void> {
  const { startEmulatorFromEnv } = await import('./emulator/cli.js');
  const emulator = await startEmulatorFromEnv(process.env);
  onSignal(() => emulator.close());
}

async function startGateway(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const stopTracing = await startTracing(config.ops.otlpEndpoint);
  let closeEmulator = async () => {};
  let demo: { token: string; iotId: string } | null = null;
  if (config.demo) {
    const { createEmulator } = await import('./emulator/server.js');
    const { DEMO_EXAMPLE } = await import('./emulator/dataset.js');
    const emulator = await createEmulator({
      apps: [{ appKey: config.ilop.appKey, appSecret: config.ilop.appSecret }],
      accessKeys: [
        { accessKeyId: config.bss.accessKeyId, accessKeySecret: config.bss.accessKeySecret },
      ],
      latencyMs: config.emulator.latencyMs,
    });
    config.ilop.endpoint = emulator.url;
    config.bss.endpoint = emulator.url;
    closeEmulator = () => emulator.close();
    demo = DEMO_EXAMPLE;
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
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, demo: config.demo }, 'subgate listening');
  if (demo) {
    console.log(`
subgate is running in demo mode on the embedded vendor emulator (${config.ilop.endpoint}).

  GraphiQL:        ${url}
  demo user token: ${demo.token}   (header  Authorization: Bearer ${demo.token})
  demo admin key:  ${adminKey}   (header  X-Api-Key: ${adminKey})

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
  if (process.argv[2] === 'emulator') return startEmulatorOnly();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  await startGateway(config);
}

await main();
