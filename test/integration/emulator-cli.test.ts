import { describe, expect, it } from 'vitest';
import { startEmulatorFromEnv } from '../../src/emulator/cli.js';
import { DEMO_APP_SECRET, DEMO_ACCESS_KEY_SECRET } from '../../src/emulator/demo-credentials.js';

describe('startEmulatorFromEnv (npm run emulator)', () => {
  it('prints the demo credentials, secrets included, and the demo example', async () => {
    const lines: string[] = [];
    const emulator = await startEmulatorFromEnv({ EMULATOR_PORT: '0' }, (l) => lines.push(l));
    try {
      const text = lines.join('\n');
      expect(text).toContain(emulator.url);
      expect(text).toContain('24681357');
      expect(text).toContain(DEMO_APP_SECRET);
      expect(text).toContain(DEMO_ACCESS_KEY_SECRET);
      expect(text).toContain('demo-token-alice');
    } finally {
      await emulator.close();
    }
  });

  it('never prints a secret from the environment', async () => {
    const lines: string[] = [];
    const env = {
      EMULATOR_PORT: '0',
      ILOP_APP_KEY: 'k1',
      ILOP_APP_SECRET: 'real-app-secret',
      BSS_ACCESS_KEY_ID: 'ak1',
      BSS_ACCESS_KEY_SECRET: 'real-ak-secret',
    };
    const emulator = await startEmulatorFromEnv(env, (l) => lines.push(l));
    try {
      const text = lines.join('\n');
      expect(text).toContain('k1');
      expect(text).toContain('ak1');
      expect(text).not.toContain('real-app-secret');
      expect(text).not.toContain('real-ak-secret');
    } finally {
      await emulator.close();
    }
  });

  it('names every bad variable at once', async () => {
    await expect(
      startEmulatorFromEnv({
        EMULATOR_PORT: 'x',
        EMULATOR_LATENCY_MS: '-1',
        EMULATOR_BSS_QPS: '1.5',
        ILOP_APP_KEY: 'k',
      }),
    ).rejects.toThrow(
      /EMULATOR_PORT[\s\S]*EMULATOR_LATENCY_MS[\s\S]*EMULATOR_BSS_QPS[\s\S]*ILOP_APP_SECRET/,
    );
  });

  it('limits BSS to 10 calls per second per API unless EMULATOR_BSS_QPS says otherwise', async () => {
    for (const [value, bssQps] of [
      [undefined, 10],
      ['0', 0],
      ['25', 25],
    ] as const) {
      const env = {
        EMULATOR_PORT: '0',
        ...(value === undefined ? {} : { EMULATOR_BSS_QPS: value }),
      };
      const emulator = await startEmulatorFromEnv(env, () => {});
      try {
        const limits = await fetch(`${emulator.url}/__emulator/limits`).then((r) => r.json());
        expect(limits, String(value)).toEqual({ bssQps });
      } finally {
        await emulator.close();
      }
    }
  });
});
