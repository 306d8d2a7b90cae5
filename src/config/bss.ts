/** BSS, the billing OpenAPI: where it is, the access key, the pool. */
import { demoValue, group, httpUrl, int, text, type ValuesOf, v } from './parse.js';

export const DEMO_BSS_ACCESS_KEY_ID = 'LTAIsubgateDemoKey';
export const DEMO_BSS_ACCESS_KEY_SECRET = 'subgate-demo-access-key-secret';

export interface BssConfig {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  connections: number;
  timeoutMs: number;
}

export const BSS_VARIABLES = group('BSS billing', {
  BSS_ENDPOINT: v({
    description: 'OpenAPI base URL. Set with `ILOP_ENDPOINT`.',
    parse: httpUrl(),
    default: { doc: 'unset: demo mode', of: () => null },
  }),
  BSS_ACCESS_KEY_ID: v({
    description: 'AccessKey id for signing.',
    parse: text(),
    default: demoValue(DEMO_BSS_ACCESS_KEY_ID),
  }),
  BSS_ACCESS_KEY_SECRET: v({
    description: 'AccessKey secret for signing.',
    parse: text(),
    default: demoValue(DEMO_BSS_ACCESS_KEY_SECRET),
    secret: true,
  }),
  BSS_TIMEOUT_MS: v({
    description: 'Per-call timeout.',
    parse: int(100, 60_000),
    default: 5000,
  }),
  BSS_CONNECTIONS: v({
    description: 'Keep-alive pool connection cap.',
    parse: int(1, 1024),
    default: 10,
  }),
});

/** The section without its endpoint (demo mode knows it once the emulator listens). */
export const bssSettings = (
  values: ValuesOf<typeof BSS_VARIABLES>,
): Omit<BssConfig, 'endpoint'> => ({
  accessKeyId: values.BSS_ACCESS_KEY_ID,
  accessKeySecret: values.BSS_ACCESS_KEY_SECRET,
  connections: values.BSS_CONNECTIONS,
  timeoutMs: values.BSS_TIMEOUT_MS,
});
