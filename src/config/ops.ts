/** Resilience and telemetry: flow control, breakers, deadlines, trace export (docs/operations.md). */
import { group, httpUrl, int, type ValuesOf, v } from './parse.js';

/** Resilience, lifecycle and telemetry (docs/operations.md). */
export interface OpsConfig {
  /** Vendor calls per second per account, shared by all replicas on Redis (0: no limit). */
  ilopQps: number;
  bssQps: number;
  /** Replicas sharing the vendor accounts: while Redis is down each keeps 1/replicas of the QPS. */
  replicas: number;
  /** BSS calls in flight per process (one slow answer holds one). */
  bssConcurrency: number;
  /** Longest a call waits in the flow-control queue before it fails as rate-limited. */
  flowMaxWaitMs: number;
  /** Consecutive outage failures that open a vendor API's breaker, and how long it stays open. */
  breakerFailures: number;
  breakerOpenMs: number;
  /** A request's vendor calls start no attempt, retry or flow-control wait past this (ms after it began). */
  requestDeadlineMs: number;
  /** After SIGTERM: how long in-flight requests may take to finish. */
  shutdownTimeoutMs: number;
  /** OTLP/HTTP base URL for traces (`/v1/traces` is appended); null: spans are not exported. */
  otlpEndpoint: string | null;
}

export const FLOW_CONTROL_VARIABLES = group('Flow control and breaker', {
  ILOP_QPS: v({
    description: 'Living IoT calls per second per account, all replicas together (0: no limit).',
    parse: int(0, 100_000),
    default: 0,
  }),
  BSS_QPS: v({
    description: 'BSS calls per second per account and API, all replicas together (0: no limit).',
    parse: int(0, 100_000),
    default: 10,
  }),
  BSS_CONCURRENCY: v({
    description: 'BSS calls in flight per process (bounds what waits on one slow answer).',
    parse: int(1, 1024),
    default: 8,
  }),
  FLOW_CONTROL_MAX_WAIT_MS: v({
    description: 'Longest wait in the flow-control queue before `VENDOR_RATE_LIMITED`.',
    parse: int(0, 600_000),
    default: 10_000,
  }),
  BREAKER_FAILURES: v({
    description: "Consecutive outage failures that open a vendor API's circuit.",
    parse: int(1, 1000),
    default: 5,
  }),
  BREAKER_OPEN_MS: v({
    description: 'How long an open circuit stays open before a probe.',
    parse: int(10, 600_000),
    default: 5_000,
  }),
  REQUEST_DEADLINE_MS: v({
    description:
      "A request's vendor calls start no attempt, retry or flow-control wait past this many ms after it began (a call it cuts is VENDOR_TIMEOUT).",
    parse: int(100, 600_000),
    default: 10_000,
  }),
});

export const TELEMETRY_VARIABLES = group('Telemetry', {
  OTEL_EXPORTER_OTLP_ENDPOINT: v({
    description: 'OTLP/HTTP base URL for traces (`/v1/traces` is appended).',
    parse: httpUrl(),
    default: { doc: 'unset: no export', of: () => null },
  }),
});

/** The section; `replicas` and `shutdownTimeoutMs` are read in their own groups. */
export const opsSettings = (
  values: ValuesOf<typeof FLOW_CONTROL_VARIABLES & typeof TELEMETRY_VARIABLES>,
  shared: Pick<OpsConfig, 'replicas' | 'shutdownTimeoutMs'>,
): OpsConfig => ({
  ilopQps: values.ILOP_QPS,
  bssQps: values.BSS_QPS,
  bssConcurrency: values.BSS_CONCURRENCY,
  flowMaxWaitMs: values.FLOW_CONTROL_MAX_WAIT_MS,
  breakerFailures: values.BREAKER_FAILURES,
  breakerOpenMs: values.BREAKER_OPEN_MS,
  requestDeadlineMs: values.REQUEST_DEADLINE_MS,
  otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT,
  ...shared,
});
