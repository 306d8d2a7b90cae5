/** The embedded emulator of demo mode and `npm run emulator`. */
import { MAX_LATENCY_MS } from '../emulator/faults.js';
import { MAX_BSS_QPS } from '../emulator/limits.js';
import { group, int, v } from './parse.js';

export const EMULATOR_VARIABLES = group('Demo emulator', {
  EMULATOR_PORT: v({
    description: 'Port of `npm run emulator` (demo mode picks a free one).',
    parse: int(0, 65535),
    default: 4010,
  }),
  EMULATOR_LATENCY_MS: v({
    description: 'Latency added to each vendor call.',
    parse: int(0, MAX_LATENCY_MS),
    default: 0,
  }),
  EMULATOR_BSS_QPS: v({
    description: 'BSS flow control per API (0: off).',
    parse: int(0, MAX_BSS_QPS),
    default: {
      doc: "unset: the emulator's (BSS's published limit)",
      of: (): number | undefined => undefined,
    },
  }),
});
