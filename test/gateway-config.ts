import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../src/config.js';

const dataDirs: string[] = [];
process.once('exit', () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh DATA_DIR under the system's temp directory, removed when the process exits. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'subgate-data-'));
  dataDirs.push(dir);
  return dir;
}

/**
 * loadConfig for an env that names both vendor endpoints (tests and benchmarks never run demo
 * mode); the billing index's files go to a fresh temp DATA_DIR unless the env names one.
 */
export function gatewayConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfig({ DATA_DIR: tempDataDir(), ...env });
  if (config.demo) throw new Error('gatewayConfig: set ILOP_ENDPOINT and BSS_ENDPOINT');
  return config;
}
