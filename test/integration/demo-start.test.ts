/**
 * `npm start` with no vendor configured (the README's first command): the esbuild bundle starts the
 * gateway on the embedded emulator (a worker thread), prints the demo token and admin key, answers
 * the demo query for the user and billing for the admin, and exits 0 on SIGTERM. The same from the
 * sources under tsx, the developers' way.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE, demoDataset } from '../../src/emulator/dataset.js';
import { demoHoldings, unboundOrder } from '../../src/emulator/demo-holdings.js';
import { freePort } from './ops-support.js';
import { tempDataDir } from '../gateway-config.js';

const run = promisify(execFile);
const QUERY = `{ device(iotId: "${DEMO_EXAMPLE.iotId}") { cloudStorageOrders(first: 3) { totalCount edges { node { orderId billingOrder { orderId } } } } } }`;

const ENTRIES = {
  'the npm start bundle': ['node_modules/.cache/subgate/main.js'],
  'the sources under tsx': ['--import', 'tsx', 'src/main.ts'],
};

describe('npm start in demo mode', () => {
  it.each(Object.entries(ENTRIES))(
    '%s serves the demo and shuts down cleanly',
    async (_, args) => {
      await run('npm', ['run', 'build'], { env: process.env }); // what `prestart` does
      const port = await freePort();
      const child = spawn(process.execPath, args, {
        // No vendor endpoint or credential: demo mode.
        env: {
          PATH: process.env.PATH,
          DATA_DIR: tempDataDir(), // the billing index's file, never in the repository
          PORT: String(port),
          EMULATOR_PORT: '0',
          EMULATOR_BSS_QPS: '3',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const output: string[] = [];
      try {
        await new Promise<void>((resolve, reject) => {
          createInterface({ input: child.stdout! }).on('line', (line) => {
            output.push(line);
            if (line.includes('Try it:')) resolve();
          });
          child.once('exit', () => reject(new Error(`exited early:\n${output.join('\n')}`)));
        });
        const banner = output.join('\n');
        expect(banner).toContain(`GraphiQL:        http://127.0.0.1:${port}/graphql`);
        expect(banner).toContain(`Authorization: Bearer ${DEMO_EXAMPLE.token}`);
        const adminKey = /X-Api-Key: (\S+)\)/.exec(banner)?.[1];
        expect(adminKey).toEqual(expect.any(String));
        // What the demo holds: every user's token and devices, and an order a bind can use.
        const dataset = demoDataset();
        for (const h of demoHoldings(dataset))
          for (const text of [h.iotToken, ...h.administers.iotIds, ...h.shared.iotIds])
            expect(banner).toContain(text);
        expect(banner).toContain(unboundOrder(dataset)!.orderId);
        // EMULATOR_BSS_QPS reaches the embedded emulator.
        const emulatorUrl = /embedded vendor emulator \((\S+)\)/.exec(banner)![1];
        const limits = await fetch(`${emulatorUrl}/__emulator/limits`).then((r) => r.json());
        expect(limits).toEqual({ bssQps: 3 });

        const ask = (headers: Record<string, string>) =>
          fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ query: QUERY }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
        const asUser = await ask({ authorization: `Bearer ${DEMO_EXAMPLE.token}` });
        expect(asUser.status).toBe(200);
        expect(asUser.body.data.device.cloudStorageOrders.totalCount).toBeGreaterThan(0);
        // Billing is for admins: the user gets FORBIDDEN there, the admin gets the orders.
        expect(asUser.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        const asAdmin = await ask({ 'x-api-key': adminKey! });
        expect(asAdmin.body.errors).toBeUndefined();
        const edges = asAdmin.body.data.device.cloudStorageOrders.edges as any[];
        expect(edges.some((e) => e.node.billingOrder?.orderId)).toBe(true);

        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    },
    60_000,
  );
});
