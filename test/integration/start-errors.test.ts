/**
 * Start-up mistakes an operator can make end in one line naming the variable, and exit code 2,
 * like every other configuration error: a port another process holds (PORT, METRICS_PORT,
 * EMULATOR_PORT), or a port that is no number.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorEnv } from '../harness.js';
import { tempDataDir } from '../gateway-config.js';

let busy: Server;
let port: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  port = (busy.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

/** `node --import tsx src/main.ts [args]` with only the given environment. */
function start(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr: stderr.trim() }),
    );
  });
}

const gatewayEnv = () => ({
  ...vendorEnv('http://127.0.0.1:9'),
  DATA_DIR: tempDataDir(), // the billing index's file, never in the repository
  LOG_LEVEL: 'silent',
  PORT: String(port),
});

describe('start-up errors', () => {
  it('a busy PORT: one line naming PORT and the port, exit 2', async () => {
    const { code, stderr } = await start([], gatewayEnv());
    expect(stderr).toBe(`Invalid configuration: PORT: port ${port} on 127.0.0.1 is already in use`);
    expect(code).toBe(2);
  }, 40_000);

  it('a busy METRICS_PORT: one line naming METRICS_PORT and the port, exit 2', async () => {
    const { code, stderr } = await start([], {
      ...gatewayEnv(),
      PORT: '0',
      METRICS_PORT: String(port),
    });
    expect(stderr).toBe(
      `Invalid configuration: METRICS_PORT: port ${port} on 127.0.0.1 is already in use`,
    );
    expect(code).toBe(2);
  }, 40_000);

  it('a busy EMULATOR_PORT: one line naming EMULATOR_PORT and the port, exit 2', async () => {
    const { code, stderr } = await start(['emulator'], { EMULATOR_PORT: String(port) });
    expect(stderr).toBe(
      `Invalid configuration: EMULATOR_PORT: port ${port} on 127.0.0.1 is already in use`,
    );
    expect(code).toBe(2);
  }, 40_000);

  it('EMULATOR_PORT=x: one line naming the variable and its value, exit 2', async () => {
    const { code, stderr } = await start(['emulator'], { EMULATOR_PORT: 'x' });
    expect(stderr).toBe(
      'Invalid configuration: EMULATOR_PORT must be an integer from 0 to 65535 (got "x")',
    );
    expect(code).toBe(2);
  }, 40_000);
});
