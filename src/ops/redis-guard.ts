/**
 * Redis holds shared state, never the only way to answer: every store on the connection runs its
 * commands through one guard, which turns a failure (Redis down, or slower than REDIS_TIMEOUT_MS)
 * into the store's fallback, counts it, and logs once per outage (a warning when it starts, an
 * info line with its length when Redis answers again). While Redis is known to be down, commands
 * are not sent at all except one probe per PROBE_EVERY_MS, so no request waits on a dead or
 * stalled Redis more than once per probe. docs/operations.md "When Redis is down" says what each store does.
 */
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Redis } from './redis.js';

/** While down: how often one command is let through to find out whether Redis is back. */
export const PROBE_EVERY_MS = 500;

/** What a guarded command could not do: the store's fallback decides what it means. */
export class RedisUnavailableError extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`Redis unavailable (${store})`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

export interface RedisGuard {
  /** False from a failed command or a lost connection until Redis answers again. */
  readonly up: boolean;
  /**
   * `command()`, or, when it fails or Redis is known to be down, `fallback(error)`: the store's
   * degraded answer (a miss, a local window), or a rethrow for a write that must not go on.
   */
  run<T>(
    store: string,
    op: string,
    command: () => Promise<T>,
    fallback: (error: RedisUnavailableError) => T | Promise<T>,
  ): Promise<T>;
  /** The gateway is closing the connection: that is not an outage. */
  closing(): void;
}

export function guardRedis(
  redis: Redis,
  options: { logger: Logger; metrics?: Metrics; now?: () => number },
): RedisGuard {
  const { logger, metrics } = options;
  const now = options.now ?? Date.now;
  let up = true;
  let downSince = 0;
  let failures = 0;
  let probeAt = 0;
  let closing = false;

  const wentDown = (reason: string, err?: unknown) => {
    if (closing) return;
    failures++;
    probeAt = now() + PROBE_EVERY_MS;
    if (!up) return;
    up = false;
    downSince = now();
    logger.warn(
      { err: err instanceof Error ? err.message : err },
      `Redis down or too slow (${reason}): serving without shared state until it answers`,
    );
  };
  const cameBack = () => {
    if (up) return;
    up = true;
    logger.info({ outageMs: now() - downSince, failures }, 'Redis answers again');
    failures = 0;
  };

  metrics?.redisUp(() => up);
  // ioredis reconnects by itself; without an 'error' listener an error would crash the process.
  // Each reconnect attempt errors again: only the first of an outage is worth a warning.
  redis.on('error', (err: Error) => {
    if (up) wentDown('connection', err);
    else logger.debug({ err: err.message }, 'Redis reconnect failed');
  });
  redis.on('close', () => {
    if (up) wentDown('connection closed');
  });
  redis.on('ready', cameBack);

  return {
    get up() {
      return up;
    },
    async run(store, op, command, fallback) {
      const skip = !up && now() < probeAt;
      if (!skip) {
        if (!up) probeAt = now() + PROBE_EVERY_MS; // this one is the probe
        try {
          const value = await command();
          cameBack();
          return value;
        } catch (err) {
          wentDown(`${store} ${op}`, err);
          metrics?.redisFailure(store, op);
          return fallback(new RedisUnavailableError(store, err));
        }
      }
      metrics?.redisFailure(store, op);
      return fallback(new RedisUnavailableError(store, null));
    },
    closing() {
      closing = true;
    },
  };
}
