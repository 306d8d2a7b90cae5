/**
 * Where the billing index keeps its SQLite database (docs/billing-index.md "The file"): on disk
 * under DATA_DIR, except in demo mode, where the embedded emulator's orders live in its process
 * and a kept file would outlive them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { vendorEnv } from '../harness.js';

describe('the billing index file', () => {
  it('is under `data` with vendor endpoints, and in memory in demo mode', () => {
    expect(loadConfig(vendorEnv('http://127.0.0.1:9')).billingIndex.dataDir).toBe('data');
    expect(loadConfig({}).billingIndex.dataDir).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'subgate-demo-'));
    expect(loadConfig({ DATA_DIR: dir }).billingIndex.dataDir).toBe(dir);
  });
});
