/**
 * Configuration from the environment. Pure: takes the env as an argument, reports every bad
 * variable in one error, and never echoes a secret's value. Every variable is declared once in
 * VARIABLES (its parser, default, group and description); loadConfig validates from that table and
 * docs/configuration.md is generated from it (`npm run docs:config`).
 */
import { z } from 'zod';
import { LEASE_TTL_MS } from './billing-index/lease.js';
import { MAX_LATENCY_MS } from './emulator/faults.js';
import { MAX_BSS_QPS } from './emulator/limits.js';

/** GATEWAY_TRUSTED_DOCUMENTS (src/server/trusted-documents.ts). */
export const TRUSTED_DOCUMENTS_MODES = ['allow', 'only'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

export const DEMO_ILOP_APP_KEY = '24681357';
export const DEMO_ILOP_APP_SECRET = 'subgate-demo-app-secret';
export const DEMO_BSS_ACCESS_KEY_ID = 'LTAIsubgateDemoKey';
export const DEMO_BSS_ACCESS_KEY_SECRET = 'subgate-demo-access-key-secret';
export const DEMO_ADMIN_KEY = 'subgate-demo-admin-key';

export type IlopStage = 'RELEASE' | 'TEST' | 'PRE';

export interface IlopConfig {
  /** Base URL: the real gateway, a separately run emulator, or the embedded one (demo mode). */
  endpoint: string;
  appKey: string;
  appSecret: string;
  stage: IlopStage;
  /** apiVer of the two unpublished streaming list/detail APIs (docs/vendors.md#endpoints). */
  streamingOrderQueryApiVer: string;
  streamingOrderGetApiVer: string;
  /** apiVer of streaming order enable (a guess: only shipped clients show the call). */
  streamingOrderEnableApiVer: string;
  /** apiVer of the free plan's claim (documented 1.0.3; one wrapper sends 1.0.4). */
  freeCloudStorageConsumeApiVer: string;
  /** apiVer of the binding list, seen in shipped apps, not published (docs/vendors.md#bound-devices). */
  bindingListApiVer: string;
  /** Rows per binding-list page subgate asks for (the vendor publishes no maximum). */
  bindingPageSize: number;
  /** Connection cap of the undici Pool for this origin. */
  connections: number;
  /** Per-call timeout: the APIs' documented 3 s server timeout plus a margin. */
  timeoutMs: number;
  /** The same for the APIs with a 10 s server timeout (cloud-storage buy, streaming pay). */
  longTimeoutMs: number;
}

export interface BssConfig {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  connections: number;
  timeoutMs: number;
}

/** A complete configuration: both vendor endpoints known. */
export interface Config {
  host: string;
  port: number;
  /** Where /metrics is served: its own listener, or (port null) the main one. */
  metrics: { host: string; port: number | null };
  production: boolean;
  ilop: IlopConfig;
  bss: BssConfig;
  adminKeys: string[];
  /** bssQps: EMULATOR_BSS_QPS, undefined when unset (the emulator's default applies). */
  emulator: { port: number; latencyMs: number; bssQps?: number };
  redisUrl: string | null;
  /** Longest a Redis command may take before its store falls back (docs/operations.md "When Redis is down"). */
  redisTimeoutMs: number;
  /** How long a vendor read is shared across requests (per caller); 0 disables the cache. */
  vendorCacheTtlMs: number;
  /** Query results reused while the vendor reads behind them stand (per caller); 0 disables. */
  responseCacheEntries: number;
  billingIndex: BillingIndexConfig;
  ops: OpsConfig;
  logLevel: string;
  limits: LimitsConfig;
  /** Origins allowed to call cross-origin; empty: same-origin only. */
  corsOrigins: string[];
  introspection: boolean;
  graphiql: boolean;
  /** `allow`: persisted ids and ad-hoc documents; `only`: users may run persisted ids only. */
  trustedDocuments: TrustedDocumentsMode;
  /** Serve as an Apollo Federation v2 subgraph (`_service`, `_entities`); else standalone. */
  federation: boolean;
  /** Demo mode has no such field until main starts the emulator (DemoConfig). */
  demo?: never;
}

/**
 * No vendor endpoint configured: every setting but the endpoints, which exist once main has
 * started the embedded emulator with these (demo) credentials; `withEmulator` completes it.
 */
export interface DemoConfig extends Omit<Config, 'ilop' | 'bss' | 'demo'> {
  demo: true;
  ilop: Omit<IlopConfig, 'endpoint'>;
  bss: Omit<BssConfig, 'endpoint'>;
}

/** The billing index: the account's BSS orders kept by QueryOrders sweeps (docs/billing-index.md). */
export interface BillingIndexConfig {
  enabled: boolean;
  /** How far back the sweeps reach. */
  horizonDays: number;
  /** The recent window, re-swept every `recentPeriodMs` (young orders change state). */
  recentHours: number;
  recentPeriodMs: number;
  /** How often everything older than the recent window is swept again. */
  fullSweepHours: number;
  /** With Redis: how long the sweep lease outlives its holder's last renewal. */
  leaseMs: number;
}

/** Checks made before execution, so a costly query never reaches a vendor. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Estimated vendor calls per operation (list sizes × first/last). */
  maxCost: number;
  maxBodyBytes: number;
  /** Operations per batched request. */
  maxBatch: number;
}

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

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** A port another process holds: a configuration error naming the variable that chose it. */
export function portInUse(variable: string, host: string, port: number): ConfigError {
  return new ConfigError([`${variable}: port ${port} on ${host} is already in use`]);
}

// ── The variables ───────────────────────────────────────────────────────────────────────────

/** What a default may depend on: decided from NODE_ENV and the endpoints before anything else. */
export interface Mode {
  demo: boolean;
  production: boolean;
}

/**
 * A raw value (trimmed, non-empty) → its value, or the rule it broke ("must be an integer from 0
 * to 9"); a list names the item that broke it.
 */
export interface Parser<T> {
  /** The accepted values, for the documentation. */
  format: string;
  parse(
    raw: string,
  ): { ok: true; value: T } | { ok: false; rule: string; item?: { noun: string; value: string } };
}

/** Required outside demo mode (the vendor credentials). */
const REQUIRED = Symbol('required');

export interface Variable<T> {
  group: string;
  description: string;
  parse: Parser<T>;
  /** The value when unset; a function when it depends on the mode (`doc` says how). */
  default: T | { doc: string; of(mode: Mode): T | typeof REQUIRED };
  /** Never echoed in a message. */
  secret?: true;
}

const fromZod = <T>(format: string, rule: string, schema: z.ZodType<T>): Parser<T> => ({
  format,
  parse(raw) {
    const r = schema.safeParse(raw);
    return r.success ? { ok: true, value: r.data } : { ok: false, rule: `must be ${rule}` };
  },
});

const int = (min: number, max: number) =>
  fromZod(
    `integer ${min}–${max}`,
    `an integer from ${min} to ${max}`,
    z.string().transform(Number).pipe(z.number().int().min(min).max(max)),
  );

const text = (): Parser<string> => ({ format: 'text', parse: (raw) => ({ ok: true, value: raw }) });

// A trailing slash is dropped: paths are appended to the base.
const httpUrl = () =>
  fromZod(
    'http(s) URL',
    'an http(s) URL',
    z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  );

// Exactly these four spellings, as documented.
const bool = () =>
  fromZod(
    '`true`, `false`, `1`, `0`',
    'true or false',
    z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'sensitive' }),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  fromZod(values.map((v) => `\`${v}\``).join(', '), `one of ${values.join(', ')}`, z.enum(values));

/** Comma-separated `noun`s, each checked by `item`; `required`: at least one. */
const list = (noun: string, item: Parser<string>, required = false): Parser<string[]> => ({
  format: `comma-separated ${noun}s (${item.format})`,
  parse(raw) {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (required && items.length === 0)
      return { ok: false, rule: `must list at least one ${noun}` };
    for (const one of items) {
      const r = item.parse(one);
      if (!r.ok) return { ok: false, rule: r.rule, item: { noun, value: one } };
    }
    return { ok: true, value: items };
  },
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const v = <T, D = T>(
  spec: Omit<Variable<T | D>, 'parse' | 'default'> & {
    parse: Parser<T>;
    default: D | { doc: string; of(mode: Mode): D | typeof REQUIRED };
  },
): Variable<T | D> => spec as Variable<T | D>;

/** The credentials' default: the demo value in demo mode, else required. */
const demoValue = (value: string) => ({
  doc: 'demo mode: the demo value; else required',
  of: (mode: Mode) => (mode.demo ? value : REQUIRED),
});
/** Serving introspection and GraphiQL: on unless NODE_ENV=production. */
const unlessProduction = {
  doc: '`true`; `false` when `NODE_ENV=production`',
  of: (mode: Mode) => !mode.production,
};

/**
 * Every variable subgate reads, in documentation order. Rules between variables (endpoints
 * together, credentials outside demo mode, production's refusals) are in loadConfig.
 */
export const VARIABLES = {
  HOST: v({
    group: 'Server',
    description: 'Interface the gateway listens on.',
    parse: text(),
    default: '127.0.0.1',
  }),
  PORT: v({
    group: 'Server',
    description: 'Gateway port (0: any free port).',
    parse: int(0, 65535),
    default: 4000,
  }),
  METRICS_PORT: v({
    group: 'Server',
    description: 'Serve `/metrics` here only, not on `PORT` ([operations](operations.md#metrics)).',
    parse: int(0, 65535),
    default: { doc: 'unset: `/metrics` on `PORT`', of: () => null },
  }),
  METRICS_HOST: v({
    group: 'Server',
    description: 'Interface of the `METRICS_PORT` listener.',
    parse: text(),
    default: { doc: 'unset: `HOST`', of: () => null },
  }),
  NODE_ENV: v({
    group: 'Server',
    description: '`production` refuses demo mode and demo credentials.',
    parse: text(),
    default: null,
  }),
  LOG_LEVEL: v({
    group: 'Server',
    description: 'pino log level.',
    parse: oneOf(LOG_LEVELS),
    default: 'info' as string,
  }),
  SHUTDOWN_TIMEOUT_MS: v({
    group: 'Server',
    description: 'After SIGTERM, how long in-flight requests may take to finish.',
    parse: int(0, 600_000),
    default: 10_000,
  }),

  ILOP_ENDPOINT: v({
    group: 'Living IoT',
    description: 'API gateway base URL (http allowed, for emulators). Set with `BSS_ENDPOINT`.',
    parse: httpUrl(),
    default: { doc: 'unset: demo mode', of: () => null },
  }),
  ILOP_APP_KEY: v({
    group: 'Living IoT',
    description: 'AppKey for signing.',
    parse: text(),
    default: demoValue(DEMO_ILOP_APP_KEY),
  }),
  ILOP_APP_SECRET: v({
    group: 'Living IoT',
    description: 'AppSecret for signing.',
    parse: text(),
    default: demoValue(DEMO_ILOP_APP_SECRET),
    secret: true,
  }),
  ILOP_STAGE: v({
    group: 'Living IoT',
    description: '`x-ca-stage` header.',
    parse: oneOf(['RELEASE', 'TEST', 'PRE']),
    default: 'RELEASE' as IlopStage,
  }),
  ILOP_STREAMING_ORDER_QUERY_API_VER: v({
    group: 'Living IoT',
    description: 'apiVer of the unpublished streaming order list API.',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_STREAMING_ORDER_GET_API_VER: v({
    group: 'Living IoT',
    description: 'apiVer of the unpublished streaming order detail API.',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_STREAMING_ORDER_ENABLE_API_VER: v({
    group: 'Living IoT',
    description: 'apiVer of `streaming/order/enable` (not published; a guess).',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_FREE_CLOUD_STORAGE_CONSUME_API_VER: v({
    group: 'Living IoT',
    description:
      'apiVer of `freecloudstorage/consume` (documented 1.0.3; one shipped wrapper sends 1.0.4).',
    parse: text(),
    default: '1.0.3',
  }),
  ILOP_BINDING_LIST_API_VER: v({
    group: 'Living IoT',
    description: 'apiVer of `/uc/listBindingByAccount` (seen in shipped apps, not published).',
    parse: text(),
    default: '1.0.8',
  }),
  ILOP_BINDING_PAGE_SIZE: v({
    group: 'Living IoT',
    description:
      'Rows per `/uc/listBindingByAccount` page (no published maximum; shipped apps send 10 to 100).',
    parse: int(1, 100),
    default: 50,
  }),
  ILOP_TIMEOUT_MS: v({
    group: 'Living IoT',
    description: 'Per-call timeout (the documented 3 s server timeout plus a margin).',
    parse: int(100, 60_000),
    default: 3500,
  }),
  ILOP_LONG_TIMEOUT_MS: v({
    group: 'Living IoT',
    description:
      'Per-call timeout of the APIs with a 10 s server timeout (cloud-storage buy, streaming pay); it outlasts `REQUEST_DEADLINE_MS`.',
    parse: int(100, 60_000),
    default: 10_500,
  }),
  ILOP_CONNECTIONS: v({
    group: 'Living IoT',
    description: 'Keep-alive pool connection cap.',
    parse: int(1, 1024),
    default: 32,
  }),

  BSS_ENDPOINT: v({
    group: 'BSS billing',
    description: 'OpenAPI base URL. Set with `ILOP_ENDPOINT`.',
    parse: httpUrl(),
    default: { doc: 'unset: demo mode', of: () => null },
  }),
  BSS_ACCESS_KEY_ID: v({
    group: 'BSS billing',
    description: 'AccessKey id for signing.',
    parse: text(),
    default: demoValue(DEMO_BSS_ACCESS_KEY_ID),
  }),
  BSS_ACCESS_KEY_SECRET: v({
    group: 'BSS billing',
    description: 'AccessKey secret for signing.',
    parse: text(),
    default: demoValue(DEMO_BSS_ACCESS_KEY_SECRET),
    secret: true,
  }),
  BSS_TIMEOUT_MS: v({
    group: 'BSS billing',
    description: 'Per-call timeout.',
    parse: int(100, 60_000),
    default: 5000,
  }),
  BSS_CONNECTIONS: v({
    group: 'BSS billing',
    description: 'Keep-alive pool connection cap.',
    parse: int(1, 1024),
    default: 10,
  }),

  GATEWAY_ADMIN_KEYS: v({
    group: 'Access',
    description: 'Admin API keys (`X-Api-Key`), 16+ characters each.',
    parse: list(
      'key',
      fromZod('16+ characters', 'at least 16 characters', z.string().min(16)),
      true,
    ),
    default: {
      doc: 'demo mode: the demo key; else none (admin off)',
      of: (mode: Mode) => (mode.demo ? [DEMO_ADMIN_KEY] : []),
    },
    secret: true,
  }),
  CORS_ORIGINS: v({
    group: 'Access',
    description: 'Origins allowed to call cross-origin.',
    parse: list(
      'origin',
      fromZod(
        '`https://host[:port]`',
        'an origin such as https://app.example.com',
        z.string().regex(/^https?:\/\/[^/]+$/),
      ),
    ),
    default: { doc: 'unset: same-origin only', of: () => [] as string[] },
  }),
  GATEWAY_INTROSPECTION: v({
    group: 'Access',
    description: 'Serve introspection.',
    parse: bool(),
    default: unlessProduction,
  }),
  GATEWAY_GRAPHIQL: v({
    group: 'Access',
    description: 'Serve GraphiQL.',
    parse: bool(),
    default: unlessProduction,
  }),
  GATEWAY_TRUSTED_DOCUMENTS: v({
    group: 'Access',
    description:
      '`allow`: persisted document ids and ad-hoc documents; `only`: user tokens may run persisted documents only (docs/platform.md).',
    parse: oneOf(TRUSTED_DOCUMENTS_MODES),
    default: 'allow' as TrustedDocumentsMode,
  }),
  GATEWAY_FEDERATION: v({
    group: 'Access',
    description:
      'Serve as an Apollo Federation v2 subgraph (`_service`, `_entities`; docs/platform.md).',
    parse: bool(),
    default: false,
  }),

  GATEWAY_MAX_DEPTH: v({
    group: 'Limits',
    description: 'Query depth (introspection exempt).',
    parse: int(1, 100),
    default: 12,
  }),
  GATEWAY_MAX_ALIASES: v({
    group: 'Limits',
    description: 'Aliases per operation.',
    parse: int(0, 1000),
    default: 15,
  }),
  GATEWAY_MAX_TOKENS: v({
    group: 'Limits',
    description: 'Tokens per document.',
    parse: int(10, 100_000),
    default: 2000,
  }),
  GATEWAY_MAX_DIRECTIVES: v({
    group: 'Limits',
    description: 'Directives per operation.',
    parse: int(0, 1000),
    default: 20,
  }),
  GATEWAY_MAX_COST: v({
    group: 'Limits',
    description: 'Estimated vendor calls per operation ([Limits](../README.md#limits)).',
    parse: int(1, 1_000_000),
    default: 2000,
  }),
  GATEWAY_MAX_BODY_BYTES: v({
    group: 'Limits',
    description: 'Request body size.',
    parse: int(1_000, 50_000_000),
    default: 100_000,
  }),
  GATEWAY_MAX_BATCH: v({
    group: 'Limits',
    description: 'Operations per batched request.',
    parse: int(1, 100),
    default: 10,
  }),

  REDIS_URL: v({
    group: 'Caching and replicas',
    description: 'Shared state for replicas: idempotency, vendor-read cache, flow control.',
    parse: fromZod(
      '`redis://` or `rediss://` URL',
      'a redis:// or rediss:// URL',
      z.string().regex(/^rediss?:\/\//),
    ),
    default: { doc: 'unset: in process', of: () => null },
    secret: true, // may carry a password
  }),
  REDIS_TIMEOUT_MS: v({
    group: 'Caching and replicas',
    description: 'Longest a Redis command may take before its store falls back to the vendor.',
    parse: int(10, 10_000),
    default: 250,
  }),
  REPLICAS: v({
    group: 'Caching and replicas',
    description:
      'Replicas sharing the vendor accounts: while Redis is down each keeps 1/REPLICAS of the QPS.',
    parse: int(1, 1000),
    default: 1,
  }),
  VENDOR_CACHE_TTL_MS: v({
    group: 'Caching and replicas',
    description: 'How long a vendor read is shared across requests, per caller (0: off).',
    parse: int(0, 600_000),
    default: 5_000,
  }),
  RESPONSE_CACHE_ENTRIES: v({
    group: 'Caching and replicas',
    description: 'Query results kept while the vendor reads behind them hold (0: off).',
    parse: int(0, 100_000),
    default: 100,
  }),

  ILOP_QPS: v({
    group: 'Flow control and breaker',
    description: 'Living IoT calls per second per account, all replicas together (0: no limit).',
    parse: int(0, 100_000),
    default: 0,
  }),
  BSS_QPS: v({
    group: 'Flow control and breaker',
    description: 'BSS calls per second per account and API, all replicas together (0: no limit).',
    parse: int(0, 100_000),
    default: 10,
  }),
  BSS_CONCURRENCY: v({
    group: 'Flow control and breaker',
    description: 'BSS calls in flight per process (bounds what waits on one slow answer).',
    parse: int(1, 1024),
    default: 8,
  }),
  FLOW_CONTROL_MAX_WAIT_MS: v({
    group: 'Flow control and breaker',
    description: 'Longest wait in the flow-control queue before `VENDOR_RATE_LIMITED`.',
    parse: int(0, 600_000),
    default: 10_000,
  }),
  BREAKER_FAILURES: v({
    group: 'Flow control and breaker',
    description: "Consecutive outage failures that open a vendor API's circuit.",
    parse: int(1, 1000),
    default: 5,
  }),
  BREAKER_OPEN_MS: v({
    group: 'Flow control and breaker',
    description: 'How long an open circuit stays open before a probe.',
    parse: int(10, 600_000),
    default: 5_000,
  }),
  REQUEST_DEADLINE_MS: v({
    group: 'Flow control and breaker',
    description:
      "A request's vendor calls start no attempt, retry or flow-control wait past this many ms after it began (a call it cuts is VENDOR_TIMEOUT).",
    parse: int(100, 600_000),
    default: 10_000,
  }),

  BILLING_INDEX: v({
    group: 'Billing index',
    description:
      "Keep the account's BSS orders in a read model filled by QueryOrders sweeps ([billing index](billing-index.md)).",
    parse: bool(),
    default: true,
  }),
  BILLING_INDEX_HORIZON_DAYS: v({
    group: 'Billing index',
    description: 'How far back the sweeps reach (396: about 13 months).',
    parse: int(1, 3660),
    default: 396,
  }),
  BILLING_INDEX_RECENT_HOURS: v({
    group: 'Billing index',
    description: 'The recent window, re-swept often (young orders change state).',
    parse: int(1, 24 * 31),
    default: 24,
  }),
  BILLING_INDEX_RECENT_PERIOD_MS: v({
    group: 'Billing index',
    description: 'How often the recent window is swept.',
    parse: int(500, 3_600_000),
    default: 5_000,
  }),
  BILLING_INDEX_FULL_SWEEP_HOURS: v({
    group: 'Billing index',
    description: 'How often everything older than the recent window is swept again.',
    parse: int(1, 24 * 366),
    default: 24,
  }),
  BILLING_INDEX_LEASE_MS: v({
    group: 'Billing index',
    description:
      "With `REDIS_URL`: the sweep lease's expiry, so how soon another replica sweeps when the sweeping one dies. Longer than `BSS_TIMEOUT_MS` (the holder renews it between calls).",
    parse: int(1000, 600_000),
    default: LEASE_TTL_MS,
  }),

  OTEL_EXPORTER_OTLP_ENDPOINT: v({
    group: 'Telemetry',
    description: 'OTLP/HTTP base URL for traces (`/v1/traces` is appended).',
    parse: httpUrl(),
    default: { doc: 'unset: no export', of: () => null },
  }),

  EMULATOR_PORT: v({
    group: 'Demo emulator',
    description: 'Port of `npm run emulator` (demo mode picks a free one).',
    parse: int(0, 65535),
    default: 4010,
  }),
  EMULATOR_LATENCY_MS: v({
    group: 'Demo emulator',
    description: 'Latency added to each vendor call.',
    parse: int(0, MAX_LATENCY_MS),
    default: 0,
  }),
  EMULATOR_BSS_QPS: v({
    group: 'Demo emulator',
    description: 'BSS flow control per API (0: off).',
    parse: int(0, MAX_BSS_QPS),
    default: {
      doc: "unset: the emulator's (BSS's published limit)",
      of: (): number | undefined => undefined,
    },
  }),
};

type Values = {
  [K in keyof typeof VARIABLES]: (typeof VARIABLES)[K] extends Variable<infer T> ? T : never;
};

export function isDerived<T>(
  d: Variable<T>['default'],
): d is Extract<Variable<T>['default'], { of: unknown }> {
  return typeof d === 'object' && d !== null && 'of' in d;
}

/** Every variable parsed; each bad one adds a problem (a secret's value is never quoted). */
function readVariables(env: Env, mode: Mode, problems: string[]): Values {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(VARIABLES) as [string, Variable<unknown>][]) {
    const raw = env[name]?.trim() || undefined;
    const fallback = isDerived(spec.default) ? spec.default.of(mode) : spec.default;
    if (raw === undefined) {
      if (fallback === REQUIRED)
        problems.push(`${name} is required when vendor endpoints are configured`);
      values[name] = fallback;
      continue;
    }
    const r = spec.parse.parse(raw);
    if (r.ok) values[name] = r.value;
    else if (!r.item) problems.push(`${name} ${r.rule}${spec.secret ? '' : ` (got "${raw}")`}`);
    else if (spec.secret) problems.push(`${name}: every ${r.item.noun} ${r.rule}`);
    else problems.push(`${name}: "${r.item.value}" ${r.rule}`);
  }
  return values as Values;
}

/** A complete Config, or DemoConfig when neither vendor endpoint is set. */
export function loadConfig(env: Env): Config | DemoConfig {
  const problems: string[] = [];
  const set = (name: keyof typeof VARIABLES) => (env[name]?.trim() ?? '') !== '';
  const production = env.NODE_ENV?.trim() === 'production';
  if (set('ILOP_ENDPOINT') !== set('BSS_ENDPOINT')) {
    problems.push(
      'ILOP_ENDPOINT and BSS_ENDPOINT must be set together (or neither, for demo mode)',
    );
  }
  const demo = !set('ILOP_ENDPOINT') && !set('BSS_ENDPOINT');
  const values = readVariables(env, { demo, production }, problems);

  // Only values the environment set: a missing one is reported above as required, not as "demo".
  if (production) {
    if (demo) problems.push('NODE_ENV=production needs real vendor endpoints (demo mode refused)');
    if (env.ILOP_APP_SECRET?.trim() === DEMO_ILOP_APP_SECRET) {
      problems.push('ILOP_APP_SECRET is the demo value');
    }
    if (env.BSS_ACCESS_KEY_SECRET?.trim() === DEMO_BSS_ACCESS_KEY_SECRET) {
      problems.push('BSS_ACCESS_KEY_SECRET is the demo value');
    }
    if (set('GATEWAY_ADMIN_KEYS') && values.GATEWAY_ADMIN_KEYS.includes(DEMO_ADMIN_KEY)) {
      problems.push('GATEWAY_ADMIN_KEYS holds the demo key');
    }
  }
  // A sweep renews its lease between calls: one call longer than the lease lets a second replica in.
  const { BILLING_INDEX_LEASE_MS: leaseMs, BSS_TIMEOUT_MS: bssTimeoutMs } = values;
  if (leaseMs !== undefined && bssTimeoutMs !== undefined && leaseMs <= bssTimeoutMs) {
    problems.push(
      `BILLING_INDEX_LEASE_MS (${leaseMs}) must be longer than BSS_TIMEOUT_MS (${bssTimeoutMs})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const settings: Omit<Config, 'ilop' | 'bss' | 'demo'> = {
    host: values.HOST,
    port: values.PORT,
    metrics: { host: values.METRICS_HOST ?? values.HOST, port: values.METRICS_PORT },
    production,
    adminKeys: values.GATEWAY_ADMIN_KEYS,
    emulator: {
      port: values.EMULATOR_PORT,
      latencyMs: values.EMULATOR_LATENCY_MS,
      bssQps: values.EMULATOR_BSS_QPS,
    },
    redisUrl: values.REDIS_URL,
    redisTimeoutMs: values.REDIS_TIMEOUT_MS,
    vendorCacheTtlMs: values.VENDOR_CACHE_TTL_MS,
    responseCacheEntries: values.RESPONSE_CACHE_ENTRIES,
    billingIndex: {
      enabled: values.BILLING_INDEX,
      horizonDays: values.BILLING_INDEX_HORIZON_DAYS,
      recentHours: values.BILLING_INDEX_RECENT_HOURS,
      recentPeriodMs: values.BILLING_INDEX_RECENT_PERIOD_MS,
      fullSweepHours: values.BILLING_INDEX_FULL_SWEEP_HOURS,
      leaseMs: values.BILLING_INDEX_LEASE_MS,
    },
    ops: {
      ilopQps: values.ILOP_QPS,
      bssQps: values.BSS_QPS,
      replicas: values.REPLICAS,
      bssConcurrency: values.BSS_CONCURRENCY,
      flowMaxWaitMs: values.FLOW_CONTROL_MAX_WAIT_MS,
      breakerFailures: values.BREAKER_FAILURES,
      breakerOpenMs: values.BREAKER_OPEN_MS,
      requestDeadlineMs: values.REQUEST_DEADLINE_MS,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
      otlpEndpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
    logLevel: values.LOG_LEVEL,
    limits: {
      maxDepth: values.GATEWAY_MAX_DEPTH,
      maxAliases: values.GATEWAY_MAX_ALIASES,
      maxTokens: values.GATEWAY_MAX_TOKENS,
      maxDirectives: values.GATEWAY_MAX_DIRECTIVES,
      maxCost: values.GATEWAY_MAX_COST,
      maxBodyBytes: values.GATEWAY_MAX_BODY_BYTES,
      maxBatch: values.GATEWAY_MAX_BATCH,
    },
    corsOrigins: values.CORS_ORIGINS,
    introspection: values.GATEWAY_INTROSPECTION,
    trustedDocuments: values.GATEWAY_TRUSTED_DOCUMENTS,
    federation: values.GATEWAY_FEDERATION,
    graphiql: values.GATEWAY_GRAPHIQL,
  };
  const ilop = {
    appKey: values.ILOP_APP_KEY,
    appSecret: values.ILOP_APP_SECRET,
    stage: values.ILOP_STAGE,
    streamingOrderQueryApiVer: values.ILOP_STREAMING_ORDER_QUERY_API_VER,
    streamingOrderGetApiVer: values.ILOP_STREAMING_ORDER_GET_API_VER,
    streamingOrderEnableApiVer: values.ILOP_STREAMING_ORDER_ENABLE_API_VER,
    freeCloudStorageConsumeApiVer: values.ILOP_FREE_CLOUD_STORAGE_CONSUME_API_VER,
    bindingListApiVer: values.ILOP_BINDING_LIST_API_VER,
    bindingPageSize: values.ILOP_BINDING_PAGE_SIZE,
    connections: values.ILOP_CONNECTIONS,
    timeoutMs: values.ILOP_TIMEOUT_MS,
    longTimeoutMs: values.ILOP_LONG_TIMEOUT_MS,
  };
  const bss = {
    accessKeyId: values.BSS_ACCESS_KEY_ID,
    accessKeySecret: values.BSS_ACCESS_KEY_SECRET,
    connections: values.BSS_CONNECTIONS,
    timeoutMs: values.BSS_TIMEOUT_MS,
  };
  if (demo) return deepFreeze({ ...settings, demo: true, ilop, bss });
  return deepFreeze({
    ...settings,
    ilop: { ...ilop, endpoint: values.ILOP_ENDPOINT! },
    bss: { ...bss, endpoint: values.BSS_ENDPOINT! },
  });
}

/** Demo mode's config once the embedded emulator listens at `url`: both vendors there. */
export function withEmulator(config: DemoConfig, url: string): Config {
  const { demo: _, ...settings } = config;
  return deepFreeze({
    ...settings,
    ilop: { ...config.ilop, endpoint: url },
    bss: { ...config.bss, endpoint: url },
  });
}

// Frozen: what was validated is what runs (nothing patches it after start-up).
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
