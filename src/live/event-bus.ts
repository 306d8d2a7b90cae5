/**
 * Where live events meet their subscribers. Every event is delivered in this process at once;
 * with Redis it is also published on one channel, and what other replicas publish arrives here.
 * While Redis is down, publishing is skipped (the guard counts and logs it): this replica's own
 * events still arrive, other replicas' do not (docs/subscriptions.md, Redis outage).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../ops/logger.js';
import type { RedisGuard } from '../ops/redis-guard.js';
import { closeRedis, KEY_PREFIX, type Redis } from '../ops/redis.js';
import { decodeEvent, type LiveEvent } from './events.js';

/** ioredis' keyPrefix does not apply to channels: the prefix is written out. */
export const LIVE_CHANNEL = `${KEY_PREFIX}live`;

export interface EventBus {
  publish(event: LiveEvent): void;
  /** Every event from now on, this replica's and (with Redis) the others'; returns the unsubscribe. */
  listen(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

export interface EventBusOptions {
  redis: { redis: Redis; guard: RedisGuard } | null;
  logger: Logger;
  /** Each event published here, and each that arrived from another replica. */
  onPublish?: (event: LiveEvent) => void;
  onReceive?: (event: LiveEvent) => void;
}

export function createEventBus(o: EventBusOptions): EventBus {
  const listeners = new Set<(event: LiveEvent) => void>();
  const origin = randomUUID();
  const deliver = (event: LiveEvent) => {
    for (const listener of listeners) listener(event);
  };

  // A connection in subscriber mode can send nothing else: a second one for the channel.
  let subscriber: Redis | null = null;
  if (o.redis) {
    // Subscribed on every connection by us, not by ioredis' autoResubscribe: its re-subscribe
    // has no rejection handler, so a connection lost again before Redis answered it would be an
    // unhandled rejection, which ends the process. A replica started while Redis is down
    // subscribes when it comes up.
    const sub = o.redis.redis.duplicate({ autoResubscribe: false });
    sub.on('error', () => {}); // the guard reports outages; this connection reconnects by itself
    sub.on('ready', () => {
      sub.subscribe(LIVE_CHANNEL).catch((err: unknown) => {
        o.logger.warn(
          { err },
          'live events: subscribing to Redis failed; only this replica’s events until it reconnects',
        );
      });
    });
    subscriber = sub;
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { from, event } = JSON.parse(message) as { from: string; event: unknown };
        if (from === origin) return;
        const decoded = decodeEvent(event);
        o.onReceive?.(decoded);
        deliver(decoded);
      } catch (err) {
        o.logger.warn({ err }, 'live events: unreadable message on the Redis channel');
      }
    });
  }

  return {
    publish(event) {
      o.onPublish?.(event);
      deliver(event);
      const shared = o.redis;
      if (!shared) return;
      const message = JSON.stringify({ from: origin, event });
      void shared.guard.run(
        'live-events',
        'publish',
        () => shared.redis.publish(LIVE_CHANNEL, message),
        () => 0,
      );
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      if (subscriber) await closeRedis(subscriber);
    },
  };
}
