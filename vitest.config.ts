import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Tests that drive more than this process: a browser, redis-server, spawned gateways and
 * benchmark children. Slowest, and the ones needing system packages (test/system-deps.sh).
 */
const SYSTEM = [
  'test/integration/*-browser.test.ts',
  'test/integration/*-replicas*.test.ts',
  'test/integration/bench-smoke.test.ts',
  'test/integration/demo-start.test.ts',
  'test/integration/start-errors.test.ts',
  'test/integration/metrics-port.test.ts',
];

export default defineConfig({
  // Node loads graphql's CJS build for every package (it has no exports map); Vite would give
  // our sources the .mjs build, and two graphql realms cannot share a schema.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 20_000,
    // Files share their worker's module cache: each imports the gateway's ~800 modules once per
    // worker, not once per file (import time 65 s → 17 s a run). Every test starts its own
    // servers and no module keeps per-test state, so nothing carries over but the modules.
    isolate: false,
    hookTimeout: 30_000,
    // `npm test -- --project unit` (seconds), `integration` or `system`; `npm test`: all three.
    // `extends: true`: each project keeps the root's options, the graphql alias above included.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: SYSTEM },
      },
      { extends: true, test: { name: 'system', include: SYSTEM } },
    ],
  },
});
