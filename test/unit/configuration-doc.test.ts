/**
 * docs/configuration.md is the table in src/config.ts, rendered: regenerate with `npm run docs:config`.
 * The emulator's variables mean the same in both commands that read them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, VARIABLES } from '../../src/config.js';
import { EmulatorConfigError, startEmulatorFromEnv } from '../../src/emulator/cli.js';
import { MAX_LATENCY_MS } from '../../src/emulator/faults.js';
import { MAX_BSS_QPS } from '../../src/emulator/limits.js';
import { CONFIGURATION_DOC, configurationDoc } from '../../scripts/config-docs.js';

describe('docs/configuration.md', () => {
  it('is generated from the variables table (npm run docs:config)', async () => {
    const doc = readFileSync(CONFIGURATION_DOC, 'utf8');
    expect(doc).toBe(await configurationDoc());
    for (const name of Object.keys(VARIABLES)) expect(doc).toContain(`| \`${name}\``);
  });
});

describe('the emulator variables', () => {
  it('take the same ranges in demo mode (npm start) as in npm run emulator', async () => {
    for (const [name, max] of [
      ['EMULATOR_LATENCY_MS', MAX_LATENCY_MS],
      ['EMULATOR_BSS_QPS', MAX_BSS_QPS],
    ] as const) {
      expect(() => loadConfig({ [name]: String(max) })).not.toThrow();
      const problem = `${name} must be an integer from 0 to ${max} (got "${max + 1}")`;
      expect(() => loadConfig({ [name]: String(max + 1) })).toThrow(problem);
      // Refused before listening: no port is taken.
      await expect(startEmulatorFromEnv({ [name]: String(max + 1) }, () => {})).rejects.toThrow(
        new EmulatorConfigError([problem]),
      );
    }
  });
});
