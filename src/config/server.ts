/** The listener, the log and the process: where subgate serves and how it stops. */
import { group, int, oneOf, text, v } from './parse.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const SERVER_VARIABLES = group('Server', {
  HOST: v({
    description: 'Interface the gateway listens on.',
    parse: text(),
    default: '127.0.0.1',
  }),
  PORT: v({
    description: 'Gateway port (0: any free port).',
    parse: int(0, 65535),
    default: 4000,
  }),
  METRICS_PORT: v({
    description: 'Serve `/metrics` here only, not on `PORT` ([operations](operations.md#metrics)).',
    parse: int(0, 65535),
    default: { doc: 'unset: `/metrics` on `PORT`', of: () => null },
  }),
  METRICS_HOST: v({
    description: 'Interface of the `METRICS_PORT` listener.',
    parse: text(),
    default: { doc: 'unset: `HOST`', of: () => null },
  }),
  NODE_ENV: v({
    description: '`production` refuses demo mode and demo credentials.',
    parse: text(),
    default: null,
  }),
  LOG_LEVEL: v({
    description: 'pino log level.',
    parse: oneOf(LOG_LEVELS),
    default: 'info' as string,
  }),
  SHUTDOWN_TIMEOUT_MS: v({
    description: 'After SIGTERM, how long in-flight requests may take to finish.',
    parse: int(0, 600_000),
    default: 10_000,
  }),
});
