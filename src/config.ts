/**
 * Configuration from the environment. Pure: takes the env as an argument, reports every bad
 * variable in one error, and never echoes a secret's value.
 *
 * Where a variable goes: each concern declares its variables, its typed section and how the one
 * becomes the other in its own module under src/config/ (server, living-iot, bss, access, limits,
 * caching, ops, billing-index, subscriptions, budgets, emulator), with the parsers of src/config/parse.ts. A new
 * variable joins its concern's `group(...)` table; a new concern gets a module and one line in
 * VARIABLES below. loadConfig validates from VARIABLES and docs/configuration.md is generated from
 * it (`npm run docs:config`).
 */
import { ACCESS_VARIABLES, DEMO_ADMIN_KEY, type TrustedDocumentsMode } from './config/access.js';
import {
  BILLING_INDEX_VARIABLES,
  billingIndexSettings,
  type BillingIndexConfig,
} from './config/billing-index.js';
import {
  BSS_VARIABLES,
  bssSettings,
  DEMO_BSS_ACCESS_KEY_SECRET,
  type BssConfig,
} from './config/bss.js';
import { BUDGET_VARIABLES, budgetsSettings, type BudgetsConfig } from './config/budgets.js';
import { CACHING_VARIABLES } from './config/caching.js';
import { EMULATOR_VARIABLES } from './config/emulator.js';
import { LIMITS_VARIABLES, limitsSettings, type LimitsConfig } from './config/limits.js';
import {
  DEMO_ILOP_APP_SECRET,
  ILOP_VARIABLES,
  ilopSettings,
  type IlopConfig,
} from './config/living-iot.js';
import {
  FLOW_CONTROL_VARIABLES,
  opsSettings,
  TELEMETRY_VARIABLES,
  type OpsConfig,
} from './config/ops.js';
import { isDerived, REQUIRED, type Mode, type ValuesOf, type Variable } from './config/parse.js';
import { SERVER_VARIABLES } from './config/server.js';
import {
  SUBSCRIPTIONS_VARIABLES,
  subscriptionsSettings,
  type SubscriptionsConfig,
} from './config/subscriptions.js';

export {
  DEMO_ADMIN_KEY,
  TRUSTED_DOCUMENTS_MODES,
  type TrustedDocumentsMode,
} from './config/access.js';
export type { BillingIndexConfig } from './config/billing-index.js';
export {
  DEMO_BSS_ACCESS_KEY_ID,
  DEMO_BSS_ACCESS_KEY_SECRET,
  type BssConfig,
} from './config/bss.js';
export type { BudgetsConfig, CallerClass } from './config/budgets.js';
export type { LimitsConfig } from './config/limits.js';
export type { SubscriptionsConfig } from './config/subscriptions.js';
export {
  DEMO_ILOP_APP_KEY,
  DEMO_ILOP_APP_SECRET,
  type IlopConfig,
  type IlopStage,
} from './config/living-iot.js';
export type { OpsConfig } from './config/ops.js';
export * from './config/parse.js';

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
  subscriptions: SubscriptionsConfig;
  ops: OpsConfig;
  logLevel: string;
  limits: LimitsConfig;
  /** Per-caller budgets of vendor calls (docs/budgets.md). */
  budgets: BudgetsConfig;
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

/**
 * Every variable subgate reads, in documentation order: the groups' tables. Rules between
 * variables (endpoints together, credentials outside demo mode, production's refusals) are in
 * loadConfig.
 */
export const VARIABLES = {
  ...SERVER_VARIABLES,
  ...ILOP_VARIABLES,
  ...BSS_VARIABLES,
  ...ACCESS_VARIABLES,
  ...LIMITS_VARIABLES,
  ...BUDGET_VARIABLES,
  ...CACHING_VARIABLES,
  ...FLOW_CONTROL_VARIABLES,
  ...BILLING_INDEX_VARIABLES,
  ...SUBSCRIPTIONS_VARIABLES,
  ...TELEMETRY_VARIABLES,
  ...EMULATOR_VARIABLES,
};

type Values = ValuesOf<typeof VARIABLES>;

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
    billingIndex: billingIndexSettings(values),
    subscriptions: subscriptionsSettings(values),
    ops: opsSettings(values, {
      replicas: values.REPLICAS,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    }),
    logLevel: values.LOG_LEVEL,
    limits: limitsSettings(values),
    budgets: budgetsSettings(values),
    corsOrigins: values.CORS_ORIGINS,
    introspection: values.GATEWAY_INTROSPECTION,
    trustedDocuments: values.GATEWAY_TRUSTED_DOCUMENTS,
    federation: values.GATEWAY_FEDERATION,
    graphiql: values.GATEWAY_GRAPHIQL,
  };
  const ilop = ilopSettings(values);
  const bss = bssSettings(values);
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
