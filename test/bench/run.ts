/**
 * `npm run bench`: subgate, the naive baseline and the bare-yoga floor over the operations in
 * schema/operations, in one run (see BENCHMARKS.md). Flags override environment variables:
 *   --duration <s> (BENCH_DURATION)    --connections <n> (BENCH_CONNECTIONS)
 *   --latency <ms> (BENCH_LATENCY_MS)  --cache-ttl <ms> (BENCH_CACHE_TTL_MS)
 *   --bss-qps <n> (BENCH_BSS_QPS): BSS calls per second per API the emulator allows (0: unlimited)
 *   --cold-samples <n> (BENCH_COLD_SAMPLES): cold requests per operation, by as many fresh
 *     callers; the cold figure is their median (default 5, at most 9)
 *   --node-flags "<flags>" (BENCH_NODE_FLAGS): node flags of every server process
 *   --tsx: run the servers through tsx, as `npm start` does, instead of a bundle
 *   --only <Op,Op>  --modes <batched,naive,floor>  --cpu-prof <dir>  --json <file>
 *   --scenario <all|operations|noisy|live|journey>: one scenario, or all of them (the default)
 *   --no-live: all but the live-updates scenario (test/bench/live.ts, alone: npm run bench:live)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ServerMode } from './gateway-process.js';
import { DEFAULT_OPTIONS, runBench, type BenchOptions } from './measure.js';
import { formatReport } from './report.js';
import { formatNoisyReport, NOISY_DEFAULTS, runNoisyNeighbour } from './noisy-neighbour.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    latency: { type: 'string' },
    'cache-ttl': { type: 'string' },
    'bss-qps': { type: 'string' },
    'cold-samples': { type: 'string' },
    only: { type: 'string' },
    modes: { type: 'string' },
    'cpu-prof': { type: 'string' },
    json: { type: 'string' },
    'node-flags': { type: 'string' },
    tsx: { type: 'boolean' },
    scenario: { type: 'string' },
    'no-live': { type: 'boolean' },
  },
});

function number(flag: string | undefined, env: string, fallback: number): number {
  const raw = flag ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`bench: ${env} must be a number ≥ 0 (got "${raw}")`);
  return n;
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const modes = list(values.modes) as ServerMode[];
// subgate always runs first: the floor replays its responses and the baseline is checked against them.
const ordered: ServerMode[] = [
  'batched',
  ...(['naive', 'floor'] as const).filter((m) => modes.length === 0 || modes.includes(m)),
];

const options: BenchOptions = {
  ...DEFAULT_OPTIONS,
  duration: number(values.duration, 'BENCH_DURATION', DEFAULT_OPTIONS.duration),
  connections: number(values.connections, 'BENCH_CONNECTIONS', DEFAULT_OPTIONS.connections),
  latencyMs: number(values.latency, 'BENCH_LATENCY_MS', DEFAULT_OPTIONS.latencyMs),
  cacheTtlMs: number(values['cache-ttl'], 'BENCH_CACHE_TTL_MS', DEFAULT_OPTIONS.cacheTtlMs),
  bssQps: number(values['bss-qps'], 'BENCH_BSS_QPS', DEFAULT_OPTIONS.bssQps),
  coldSamples: number(values['cold-samples'], 'BENCH_COLD_SAMPLES', DEFAULT_OPTIONS.coldSamples),
  only: list(values.only),
  modes: ordered,
  ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
  nodeFlags: (values['node-flags'] ?? process.env.BENCH_NODE_FLAGS ?? '')
    .split(' ')
    .filter(Boolean),
  useTsx: values.tsx ?? false,
  log: (line) => process.stderr.write(`${line}\n`),
};

const scenario = values.scenario ?? 'all';
if (!['all', 'operations', 'noisy', 'live', 'journey'].includes(scenario)) {
  throw new Error(`--scenario: must be all, operations, noisy, live or journey (got ${scenario})`);
}
const started = Date.now();
const run = scenario === 'all' || scenario === 'operations' ? await runBench(options) : null;
if (run) console.log(formatReport(run));
const noisy =
  scenario === 'all' || scenario === 'noisy'
    ? await runNoisyNeighbour({
        ...NOISY_DEFAULTS,
        latencyMs: options.latencyMs,
        log: options.log,
      })
    : null;
if (noisy) console.log(`\n${formatNoisyReport(noisy)}`);
if ((scenario === 'all' && !values['no-live']) || scenario === 'live') {
  const { formatLive, liveOptionsFromEnv, runLive } = await import('./live.js');
  console.log(
    `\n${formatLive(await runLive({ ...liveOptionsFromEnv(), log: (line) => process.stderr.write(`${line}\n`) }))}`,
  );
}
if (scenario === 'all' || scenario === 'journey') {
  const { formatJourney, JOURNEY_DEFAULTS, runJourney } = await import('./journey.js');
  console.log(`\n${formatJourney(await runJourney({ ...JOURNEY_DEFAULTS, log: options.log }))}`);
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (values.json) writeFileSync(values.json, JSON.stringify({ ...run, noisy }, null, 2));
