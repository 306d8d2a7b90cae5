/**
 * What an open SSE subscription costs on bare graphql-yoga (no subgate plugin, loader or live
 * feed): the floor under subgate's heap per open subscription (BENCHMARKS.md, Live updates).
 * A yoga with one subscription field whose stream never yields, on node:http, and `--subscribers`
 * (1000) streams opened by live-subscribers.ts in a process of their own; V8 heap in use and RSS
 * after a full GC, with all open minus with none. `--no-body-limit`: yoga without its own
 * request-body limit (`maxRequestBodySize: false`), as subgate runs it.
 *   node --expose-gc --import tsx test/bench/live-floor.ts [--subscribers <n>] [--no-body-limit]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createSchema, createYoga, Repeater } from 'graphql-yoga';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    'no-body-limit': { type: 'boolean', default: false },
  },
});
const n = Number(values.subscribers);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('live-floor: run with node --expose-gc');

const yoga = createYoga({
  ...(values['no-body-limit'] ? { maxRequestBodySize: false as const } : {}),
  schema: createSchema({
    typeDefs: `type Query { a: Int } type Subscription { orderUpdated(iotId: String!): Int }`,
    resolvers: {
      Subscription: {
        orderUpdated: {
          subscribe: () => new Repeater<number>(async (_push, stop) => void (await stop)),
          resolve: (x: number) => x,
        },
      },
    },
  }),
});
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const body = JSON.stringify({
  query: `subscription ($iotId: String!) { orderUpdated(iotId: $iotId) }`,
  variables: { iotId: 'x' },
});
const child = fork(new URL('./live-subscribers.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ask = (msg: object) =>
  new Promise<void>((resolve) => {
    child.once('message', () => resolve());
    child.send(msg);
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settled = async () => {
  for (let i = 0; i < 3; i++) (gc(), await sleep(100));
  return process.memoryUsage();
};
const headers = { 'content-type': 'application/json' };

// Warm: the code paths of a first subscription are loaded before the baseline.
await ask({ type: 'open', url, n: 50, body, headers });
await sleep(500);
await ask({ type: 'close' });
await sleep(1500);
const none = await settled();
await ask({ type: 'open', url, n, body, headers });
await sleep(1000);
const all = await settled();
const kb = (bytes: number) => `${(bytes / n / 1024).toFixed(1)} KB`;
console.log(
  `bare yoga${values['no-body-limit'] ? ' (no body limit)' : ''}, ${n} open SSE subscriptions: heap ${kb(all.heapUsed - none.heapUsed)}, RSS ${kb(all.rss - none.rss)} per subscription`,
);
child.kill();
server.closeAllConnections();
server.close();
