/** The benchmark's printed report: one table per operation, then the ratios and the targets. */
import type { BenchRun, CallCounts, OperationResult } from './measure.js';

const API_NAMES: Record<string, string> = {
  '/vision/customer/cloudstorage/order/query': 'csQuery',
  '/vision/customer/cloudstorage/order/get': 'csGet',
  '/vision/customer/streaming/order/query': 'stQuery',
  '/vision/customer/streaming/order/get': 'stGet',
  '/vision/customer/streaming/commodity/query': 'plans',
  '/uc/listBindingByAccount': 'bindings',
  '/vision/customer/cloudstorage/commodity/query': 'csPlans',
  '/vision/customer/cloudstorage/commodity/check': 'csCheck',
  '/vision/customer/freecloudstorage/get': 'freeCs',
};
const MODE_NAMES = { batched: 'subgate', naive: 'baseline', floor: 'floor' } as const;

const total = (c: CallCounts) => Object.values(c).reduce((a, b) => a + b, 0);
const byApi = (c: CallCounts) =>
  Object.entries(c)
    .map(([api, n]) => `${API_NAMES[api] ?? api} ${n}`)
    .join(', ') || '-';
const calls = (c: CallCounts) => `${total(c)}: ${byApi(c)}`;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
// CPU per request is absent from --json files written before it was measured.
const cpu = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** Under load subgate often makes no call at all: say so rather than print a huge ratio. */
const callRatio = (baseline: number, subgate: number) =>
  subgate * 100 < baseline
    ? `> 100× (${baseline.toFixed(1)} vs ${subgate.toFixed(2)})`
    : `${ratio(baseline, subgate)}×`;

/** The critical path of a cold request: vendor levels × injected latency. */
const criticalPath = (r: OperationResult, latencyMs: number) => r.levels * latencyMs;

export function formatReport(run: BenchRun): string {
  const { options: o, results } = run;
  const out: string[] = [];
  out.push(
    `subgate benchmark: ${o.devices} devices × ${o.ordersPerDevice} orders (seed ${o.seed}), ` +
      `${o.latencyMs} ms per vendor call, ${o.connections} connections × ${o.duration} s per operation, ` +
      `shared cache TTL ${o.cacheTtlMs} ms; BSS ${o.bssQps ? `${o.bssQps} calls/s per API` : 'unlimited'}, ` +
      `${o.billing?.billingOrders ?? '-'} billing orders over ${o.billing?.spreadDays ?? '-'} days`,
    '',
  );
  const names = [...new Set(results.map((r) => r.operation))];
  for (const name of names) {
    const rows = results.filter((r) => r.operation === name);
    const get = (m: string) => rows.find((r) => r.mode === m);
    const s = get('batched');
    const b = get('naive');
    const f = get('floor');
    out.push(
      `### ${name}${s ? ` (${(s.responseBytes / 1024).toFixed(0)} KB response, ${s.levels} vendor level${s.levels > 1 ? 's' : ''})` : ''}`,
      '',
    );
    out.push(
      table([
        [
          '',
          'fresh',
          'fresh calls (request-time; sweep)',
          'cold (median)',
          'cold calls (request-time; sweep)',
          'calls/req under load (request-time; sweep)',
          'p50',
          'p99',
          'req/s',
          'CPU/req',
          'peak RSS',
        ],
        ...rows.map((r) => [
          MODE_NAMES[r.mode],
          ms(r.freshMs ?? r.coldMs),
          r.mode === 'floor'
            ? '-'
            : `${calls(r.freshCalls ?? r.coldCalls)}; ${r.freshSweepCalls ?? 0}`,
          ms(r.coldMs),
          r.mode === 'floor' ? '-' : `${calls(r.coldCalls)}; ${r.coldSweepCalls ?? 0}`,
          r.mode === 'floor'
            ? '-'
            : `${r.loadCallsPerRequest.toFixed(2)}; ${(r.loadSweepCallsPerRequest ?? 0).toFixed(2)}`,
          ms(r.p50),
          ms(r.p99),
          r.rps.toFixed(0),
          cpu(r.cpuMsPerRequest),
          mb(r.peakRss),
        ]),
      ]),
      '',
    );
    const notes: string[] = [];
    if (s && b) {
      notes.push(
        `baseline/subgate: cold vendor calls ${ratio(total(b.coldCalls), total(s.coldCalls))}×, ` +
          `vendor calls per request under load ${callRatio(b.loadCallsPerRequest, s.loadCallsPerRequest)}, ` +
          `cold latency ${ratio(b.coldMs, s.coldMs)}×, p50 ${ratio(b.p50, s.p50)}×, p99 ${ratio(b.p99, s.p99)}×; ` +
          `subgate/baseline req/s ${ratio(s.rps, b.rps)}×`,
      );
    }
    if (s && f) {
      notes.push(
        `subgate/floor req/s: ${ratio(s.rps, f.rps)}; server CPU per request floor/subgate: ` +
          ratio(f.cpuMsPerRequest, s.cpuMsPerRequest),
      );
    }
    if (s) {
      const cp = criticalPath(s, o.latencyMs);
      notes.push(
        `subgate cold / critical path (${s.levels} × ${o.latencyMs} ms = ${cp} ms): ${ratio(s.coldMs, cp)} ` +
          `(median of ${s.coldSamplesMs.length} cold callers: ${s.coldSamplesMs.map((t) => t.toFixed(0)).join(', ')} ms)`,
      );
      if (s.distinctOutOrderNos > 0)
        notes.push(`distinct outOrderNo in the response: ${s.distinctOutOrderNos}`);
    }
    for (const r of rows) {
      if (r.throttled > 0)
        notes.push(
          `${MODE_NAMES[r.mode]}: ${r.throttled} vendor answers Throttling.User (retried; none reached a client unless listed below)`,
        );
      if (r.failures > 0)
        notes.push(`WARNING ${MODE_NAMES[r.mode]}: ${r.failures} failed requests under load`);
      const errored = Object.entries(r.erroredUnderLoad ?? {});
      if (errored.length > 0)
        notes.push(
          `WARNING ${MODE_NAMES[r.mode]}: requests with GraphQL errors under load: ${errored
            .map(([code, n]) => `${code} ${n}`)
            .join(', ')}`,
        );
      if (r.errors?.length)
        notes.push(
          `WARNING ${MODE_NAMES[r.mode]}: cold response has errors: ${JSON.stringify(r.errors).slice(0, 300)}`,
        );
    }
    out.push(...notes.map((n) => `- ${n}`), '');
  }
  for (const name of run.mismatches)
    out.push(`WARNING: baseline and subgate answered ${name} differently`);
  out.push(
    `Process peak RSS (kernel maxRSS over the whole run): ` +
      Object.entries(run.maxRss)
        .map(([m, v]) => `${MODE_NAMES[m as keyof typeof MODE_NAMES]} ${mb(v ?? 0)}`)
        .join(', '),
  );
  return out.join('\n');
}
