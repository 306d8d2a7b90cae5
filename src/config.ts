/**
 * Configuration from the environment (design §3). Pure: takes the env as an argument,
 * reports every bad variable in one error, and never echoes a secret's value.
 */

export const DEMO_ILOP_APP_KEY = '24681357';
export const DEMO_ILOP_APP_SECRET = 'subgate-demo-app-secret';
export const DEMO_BSS_ACCESS_KEY_ID = 'LTAIsubgateDemoKey';
export const DEMO_BSS_ACCESS_KEY_SECRET = 'subgate-demo-access-key-secret';
export const DEMO_ADMIN_KEY = 'subgate-demo-admin-key';

export type IlopStage = 'RELEASE' | 'TEST' | 'PRE';

export interface IlopConfig {
  /** Base URL; null in demo mode until the embedded emulator's URL is known. */
  endpoint: string | null;
  appKey: string;
  appSecret: string;
  stage: IlopStage;
  /** apiVer of the two unpublished streaming list/detail APIs (protocol §A table). */
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
  emulator: { port: number; latencyMs: number };
  redisUrl: string | null;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

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
  if (adminKeys.length === 0 && demo) adminKeys.push(DEMO_ADMIN_KEY);

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

  if (production) {
    if (demo) problems.push('NODE_ENV=production needs real vendor endpoints (demo mode refused)');
    if (appSecret === DEMO_ILOP_APP_SECRET) problems.push('ILOP_APP_SECRET is the demo value');
    if (accessKeySecret === DEMO_BSS_ACCESS_KEY_SECRET) {
      problems.push('BSS_ACCESS_KEY_SECRET is the demo value');
    }
    if (adminKeys.includes(DEMO_ADMIN_KEY)) problems.push('GATEWAY_ADMIN_KEYS holds the demo key');
  }

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
    },
    redisUrl,
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
