/**
 * Configuration from the environment. Pure: takes the env as an argument,
 * reports every bad variable in one error, and never echoes a secret's value.
 */

export const DEMO_ILOP_APP_KEY = '24681357';
export const DEMO_ILOP_APP_SECRET = 'subgate-demo-app-secret';
export const DEMO_BSS_ACCESS_KEY_ID = 'LTAIsubgateDemoKey';
export const DEMO_BSS_ACCESS_KEY_SECRET = 'subgate-demo-access-key-secret';
export const DEMO_ADMIN_KEY = 'subgate-demo-admin-key';

export type IlopStage = 'RELEASE' | 'TEST' | 'PRE';

/** GATEWAY_TRUSTED_DOCUMENTS (src/server/trusted-documents.ts). */
export const TRUSTED_DOCUMENTS_MODES = ['allow', 'only'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

export interface IlopConfig {
  /** Base URL; null in demo mode until the embedded emulator's URL is known. */
  endpoint: string | null;
  appKey: string;
  appSecret: string;
  stage: IlopStage;
  /** apiVer of the two unpublished streaming list/detail APIs (docs/vendors.md#endpoints). */
  streamingOrderQueryApiVer: string;
  streamingOrderGetApiVer: string;
  /** Connection cap of the undici Pool for this origin. */
  connections: number;
  /** Per-call timeout: the APIs' documented 3 s server timeout plus a margin. */
  timeoutMs: number;
}

export interface BssConfig {
  endpoint: string | null;
  accessKeyId: string;
  accessKeySecret: string;
  connections: number;
  timeoutMs: number;
}

export interface Config {
  host: string;
  port: number;
  /** No vendor endpoint configured: run on the embedded emulator with demo credentials. */
  demo: boolean;
  production: boolean;
  ilop: IlopConfig;
  bss: BssConfig;
  adminKeys: string[];
  /** bssQps: EMULATOR_BSS_QPS, undefined when unset (the emulator's default applies). */
  emulator: { port: number; latencyMs: number; bssQps?: number };
  redisUrl: string | null;
  /** How long a vendor read is shared across requests (per caller); 0 disables the cache. */
  vendorCacheTtlMs: number;
  /** Query results reused while the vendor reads behind them stand (per caller); 0 disables. */
  responseCacheEntries: number;
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

/** Resilience, lifecycle and telemetry (README "Operations"). */
export interface OpsConfig {
  /** Vendor calls per second per account, shared by all replicas on Redis (0: no limit). */
  ilopQps: number;
  bssQps: number;
  /** BSS calls in flight per process (one slow answer holds one). */
  bssConcurrency: number;
  /** Longest a call waits in the flow-control queue before it fails as rate-limited. */
  flowMaxWaitMs: number;
  /** Consecutive outage failures that open a vendor API's breaker, and how long it stays open. */
  breakerFailures: number;
  breakerOpenMs: number;
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string): string | null => {
    const raw = str(name);
    if (raw === undefined) return null;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return null;
    }
  };

  const production = str('NODE_ENV') === 'production';
  const ilopEndpoint = url('ILOP_ENDPOINT');
  const bssEndpoint = url('BSS_ENDPOINT');
  const ilopSet = str('ILOP_ENDPOINT') !== undefined;
  const bssSet = str('BSS_ENDPOINT') !== undefined;
  if (ilopSet !== bssSet) {
    problems.push(
      'ILOP_ENDPOINT and BSS_ENDPOINT must be set together (or neither, for demo mode)',
    );
  }
  const demo = !ilopSet && !bssSet;

  // Secrets: required outside demo mode; their values never appear in a message.
  const secret = (name: string, demoValue: string): string => {
    const v = str(name);
    if (v !== undefined) return v;
    if (!demo) problems.push(`${name} is required when vendor endpoints are configured`);
    return demoValue;
  };
  const appKey = secret('ILOP_APP_KEY', DEMO_ILOP_APP_KEY);
  const appSecret = secret('ILOP_APP_SECRET', DEMO_ILOP_APP_SECRET);
  const accessKeyId = secret('BSS_ACCESS_KEY_ID', DEMO_BSS_ACCESS_KEY_ID);
  const accessKeySecret = secret('BSS_ACCESS_KEY_SECRET', DEMO_BSS_ACCESS_KEY_SECRET);

  const adminRaw = str('GATEWAY_ADMIN_KEYS');
  const adminKeys = adminRaw
    ? adminRaw
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : [];
  if (adminRaw !== undefined && adminKeys.length === 0) {
    problems.push('GATEWAY_ADMIN_KEYS must list at least one key');
  }
  if (adminKeys.some((k) => k.length < 16)) {
    problems.push('GATEWAY_ADMIN_KEYS: every key must be at least 16 characters');
  }

  const stageRaw = str('ILOP_STAGE') ?? 'RELEASE';
  if (!['RELEASE', 'TEST', 'PRE'].includes(stageRaw)) {
    problems.push(`ILOP_STAGE must be RELEASE, TEST or PRE (got "${stageRaw}")`);
  }

  const logLevel = str('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const redisUrl = str('REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://');
  }

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const corsOrigins = (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" must be an origin such as https://app.example.com`);
    }
  }

  // Only values the environment set: a missing one is reported above as required, not as "demo".
  if (production) {
    if (demo) problems.push('NODE_ENV=production needs real vendor endpoints (demo mode refused)');
    if (str('ILOP_APP_SECRET') === DEMO_ILOP_APP_SECRET) {
      problems.push('ILOP_APP_SECRET is the demo value');
    }
    if (str('BSS_ACCESS_KEY_SECRET') === DEMO_BSS_ACCESS_KEY_SECRET) {
      problems.push('BSS_ACCESS_KEY_SECRET is the demo value');
    }
    if (adminKeys.includes(DEMO_ADMIN_KEY)) problems.push('GATEWAY_ADMIN_KEYS holds the demo key');
  }
  // Demo mode's admin key, only when none is set; outside it, no key means no admin access.
  if (adminKeys.length === 0 && demo) adminKeys.push(DEMO_ADMIN_KEY);

  const config: Config = {
    host: str('HOST') ?? '127.0.0.1',
    port: int('PORT', 4000, 0, 65535),
    demo,
    production,
    ilop: {
      endpoint: ilopEndpoint,
      appKey,
      appSecret,
      stage: stageRaw as IlopStage,
      streamingOrderQueryApiVer: str('ILOP_STREAMING_ORDER_QUERY_API_VER') ?? '1.0.0',
      streamingOrderGetApiVer: str('ILOP_STREAMING_ORDER_GET_API_VER') ?? '1.0.0',
      connections: int('ILOP_CONNECTIONS', 32, 1, 1024),
      timeoutMs: int('ILOP_TIMEOUT_MS', 3500, 100, 60_000),
    },
    bss: {
      endpoint: bssEndpoint,
      accessKeyId,
      accessKeySecret,
      connections: int('BSS_CONNECTIONS', 10, 1, 1024),
      timeoutMs: int('BSS_TIMEOUT_MS', 5000, 100, 60_000),
    },
    adminKeys,
    emulator: {
      port: int('EMULATOR_PORT', 4010, 0, 65535),
      latencyMs: int('EMULATOR_LATENCY_MS', 0, 0, 60_000),
      // Unset: the emulator's own default (BSS's published limit).
      bssQps:
        str('EMULATOR_BSS_QPS') === undefined ? undefined : int('EMULATOR_BSS_QPS', 0, 0, 100_000),
    },
    redisUrl,
    vendorCacheTtlMs: int('VENDOR_CACHE_TTL_MS', 5_000, 0, 600_000),
    responseCacheEntries: int('RESPONSE_CACHE_ENTRIES', 100, 0, 100_000),
    ops: {
      ilopQps: int('ILOP_QPS', 0, 0, 100_000),
      bssQps: int('BSS_QPS', 10, 0, 100_000),
      bssConcurrency: int('BSS_CONCURRENCY', 8, 1, 1024),
      flowMaxWaitMs: int('FLOW_CONTROL_MAX_WAIT_MS', 10_000, 0, 600_000),
      breakerFailures: int('BREAKER_FAILURES', 5, 1, 1000),
      breakerOpenMs: int('BREAKER_OPEN_MS', 5_000, 10, 600_000),
      shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
      otlpEndpoint: url('OTEL_EXPORTER_OTLP_ENDPOINT'),
    },
    logLevel,
    limits: {
      maxDepth: int('GATEWAY_MAX_DEPTH', 12, 1, 100),
      maxAliases: int('GATEWAY_MAX_ALIASES', 15, 0, 1000),
      maxTokens: int('GATEWAY_MAX_TOKENS', 2000, 10, 100_000),
      maxDirectives: int('GATEWAY_MAX_DIRECTIVES', 20, 0, 1000),
      maxCost: int('GATEWAY_MAX_COST', 2000, 1, 1_000_000),
      maxBodyBytes: int('GATEWAY_MAX_BODY_BYTES', 100_000, 1_000, 50_000_000),
      maxBatch: int('GATEWAY_MAX_BATCH', 10, 1, 100),
    },
    corsOrigins,
    introspection: bool('GATEWAY_INTROSPECTION', !production),
    graphiql: bool('GATEWAY_GRAPHIQL', !production),
    trustedDocuments: oneOf('GATEWAY_TRUSTED_DOCUMENTS', TRUSTED_DOCUMENTS_MODES, 'allow'),
    federation: bool('GATEWAY_FEDERATION', false),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
