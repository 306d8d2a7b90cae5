import { loadConfig, type Config } from '../src/config.js';

/** loadConfig for an env that names both vendor endpoints (tests and benchmarks never run demo mode). */
export function gatewayConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfig(env);
  if (config.demo) throw new Error('gatewayConfig: set ILOP_ENDPOINT and BSS_ENDPOINT');
  return config;
}
