/**
 * METRICS_PORT: the process serves /metrics on that port only, from the same registry as the
 * main listener's requests, and the main port answers 404 for it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, vendorEnv } from '../harness.js';
import { freePort, sample } from './ops-support.js';
import { tempDataDir } from '../gateway-config.js';

describe('METRICS_PORT', () => {
  it('moves /metrics to its own listener', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: tempDataDir(), // the billing index's file, never in the repository
        // No vendor call is made: the endpoints need not answer.
        ...vendorEnv('http://127.0.0.1:9'),
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line.includes('subgate listening')) resolve(JSON.parse(line));
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code})`)));
      });
      expect(listening.metrics).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
      const main = `http://127.0.0.1:${port}`;
      const scrape = `http://127.0.0.1:${metricsPort}`;

      const gql = await fetch(`${main}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
        body: JSON.stringify({ query: 'query Ping { __typename }' }),
      });
      expect(await gql.json()).toMatchObject({ data: { __typename: 'Query' } });

      expect((await fetch(`${main}/metrics`)).status).toBe(404);
      const res = await fetch(`${scrape}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(
        sample(text, 'subgate_graphql_requests_total', { operation: 'Ping', outcome: 'ok' }),
      ).toBe(1);
      // Only /metrics there: the API is not reachable through the scraper's port.
      expect((await fetch(`${scrape}/graphql`)).status).toBe(404);
      expect((await fetch(`${scrape}/metrics`, { method: 'POST' })).status).toBe(404);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);
});
