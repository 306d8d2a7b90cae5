import { describeEmulator } from './banner.js';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
} from './demo-credentials.js';
import { MAX_LATENCY_MS } from './faults.js';
import { DEFAULT_BSS_QPS, MAX_BSS_QPS } from './limits.js';
import { createEmulator, type Emulator } from './server.js';

type Env = Record<string, string | undefined>;

/** Bad emulator variables, or a port in use: the process entry prints them without a stack. */
export class EmulatorConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid emulator configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'EmulatorConfigError';
  }
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    problems.push(`${name} must be an integer from 0 to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function pair(env: Env, idName: string, secretName: string, problems: string[]) {
  const id = env[idName] || undefined;
  const secret = env[secretName] || undefined;
  if ((id === undefined) !== (secret === undefined)) {
    problems.push(`set both ${idName} and ${secretName}, or neither (for the demo values)`);
  }
  return id !== undefined && secret !== undefined ? { id, secret } : undefined;
}

/**
 * `npm run emulator`: the emulator alone on EMULATOR_PORT (default 4010). Env credentials replace the demo
 * ones; a secret from the environment is never printed. Throws one error naming every bad variable.
 */
export async function startEmulatorFromEnv(
  env: Env,
  print: (line: string) => void = (line) => console.log(line),
): Promise<Emulator> {
  const problems: string[] = [];
  const port = integer(env, 'EMULATOR_PORT', 4010, 65_535, problems);
  const latencyMs = integer(env, 'EMULATOR_LATENCY_MS', 0, MAX_LATENCY_MS, problems);
  const bssQps = integer(env, 'EMULATOR_BSS_QPS', DEFAULT_BSS_QPS, MAX_BSS_QPS, problems);
  const app = pair(env, 'ILOP_APP_KEY', 'ILOP_APP_SECRET', problems);
  const key = pair(env, 'BSS_ACCESS_KEY_ID', 'BSS_ACCESS_KEY_SECRET', problems);
  if (problems.length > 0) throw new EmulatorConfigError(problems);
  const emulator = await createEmulator({
    host: '127.0.0.1',
    port,
    latencyMs,
    bssQps,
    apps: [{ appKey: app?.id ?? DEMO_APP_KEY, appSecret: app?.secret ?? DEMO_APP_SECRET }],
    accessKeys: [
      {
        accessKeyId: key?.id ?? DEMO_ACCESS_KEY_ID,
        accessKeySecret: key?.secret ?? DEMO_ACCESS_KEY_SECRET,
      },
    ],
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
    throw new EmulatorConfigError([`EMULATOR_PORT: port ${port} on 127.0.0.1 is already in use`]);
  });
  // Only built-in demo secrets may be printed; describeEmulator double-checks the value too.
  for (const line of describeEmulator(emulator, {
    printSecrets: app === undefined || key === undefined,
  }))
    print(line);
  return emulator;
}
