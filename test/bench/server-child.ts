/**
 * Forks `gateway-process.ts` and speaks its IPC protocol from the runner's side. The child runs
 * as one esbuild bundle of our sources on plain node (packages stay in node_modules), so its RSS
 * is the gateway's and not tsx's on-the-fly compiler's (about 45 MB more, see BENCHMARKS.md).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import type { FromServer, ServerSpec, ToServer } from './gateway-process.js';

const ENTRY = new URL('./gateway-process.ts', import.meta.url).pathname;
// Inside the repository, so the bundle's bare imports resolve from its node_modules.
const BUNDLE = new URL(
  '../../node_modules/.cache/subgate-bench/gateway-process.mjs',
  import.meta.url,
).pathname;

let bundled: Promise<unknown> | undefined;
/** Bundles the server once per process; `useTsx` skips it (and measures tsx's RSS too). */
function bundle(): Promise<unknown> {
  bundled ??= build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return bundled;
}

export interface ServerChild {
  url: string;
  /** The process's peak RSS so far (bytes) and CPU time used so far (µs). */
  rss(): Promise<{ maxRss: number; cpuMicros: number }>;
  /** The process's RSS and heap now (after a full GC when forked with --expose-gc). */
  memory(): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number }>;
  /** When each write through it published its change (`orderId:paymentStatus` → epoch ms). */
  published(): Promise<Map<string, number>>;
  close(): Promise<void>;
  /** SIGKILL: the process dies without any cleanup (a crashed replica, in tests). */
  kill(): Promise<void>;
}

export interface ForkOptions {
  /** Directory for a V8 CPU profile of this process (`--cpu-prof`). */
  cpuProfDir?: string;
  /** Run the TypeScript through tsx instead of the bundle (as `npm start` does). */
  useTsx?: boolean;
  /** Extra node flags (e.g. V8 heap sizes) for the server process. */
  nodeFlags?: string[];
}

export async function forkServer(
  spec: ServerSpec,
  options: ForkOptions = {},
): Promise<ServerChild> {
  if (!options.useTsx) await bundle();
  const child: ChildProcess = fork(options.useTsx ? ENTRY : BUNDLE, [], {
    execArgv: [
      ...(options.useTsx ? ['--import', 'tsx'] : []),
      ...(options.nodeFlags ?? []),
      ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    ],
    // NODE_ENV as deployed, for every mode alike (graphql-js reads it when it loads).
    env: { ...process.env, NODE_ENV: 'production', BENCH_SERVER_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: FromServer['type']) =>
    new Promise<FromServer>((resolve, reject) => {
      const onMessage = (msg: FromServer) => {
        if (msg.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`bench server (${spec.mode}) exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const tell = (msg: ToServer) => child.send(msg);

  const ready = await next('ready');
  if (ready.type !== 'ready') throw new Error('unreachable');
  return {
    url: `http://127.0.0.1:${ready.port}/graphql`,
    async rss() {
      const answer = next('rss');
      tell({ type: 'rss' });
      const msg = await answer;
      if (msg.type !== 'rss') throw new Error('unreachable');
      return { maxRss: msg.maxRss, cpuMicros: msg.cpuMicros };
    },
    async memory() {
      const answer = next('memory');
      tell({ type: 'memory' });
      const msg = await answer;
      if (msg.type !== 'memory') throw new Error('unreachable');
      const { rss, heapUsed, heapTotal, external } = msg;
      return { rss, heapUsed, heapTotal, external };
    },
    async published() {
      const answer = next('published');
      tell({ type: 'published' });
      const msg = await answer;
      if (msg.type !== 'published') throw new Error('unreachable');
      return new Map(Object.entries(msg.at));
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      tell({ type: 'close' });
      await exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
