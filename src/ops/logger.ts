/** pino with redaction: credentials and signatures never reach a log line. */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  '*.authorization',
  '*.Authorization',
  '*["x-api-key"]',
  '*["x-ca-signature"]',
  '*.iotToken',
  '*.token',
  '*.ticket',
  '*.appSecret',
  '*.accessKeySecret',
  '*.secret',
  '*.signature',
  '*.Signature',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'subgate' },
    },
    destination,
  );
}
export type { Logger };
