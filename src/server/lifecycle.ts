/**
 * Graceful shutdown (SIGTERM): readiness fails, subscriptions end with SHUTTING_DOWN, the listener
 * stops accepting, in-flight requests finish within a bound, then the gateway closes its pools and Redis. Connections are told to
 * close after their current response, so keep-alive clients reconnect to another replica.
 */
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Gateway } from './gateway.js';
import type { Logger } from '../ops/logger.js';
import type { WebSocketHandle } from './graphql-ws.js';

export interface InFlight {
  count(): number;
  /** Resolves once no request is in flight. */
  drained(): Promise<void>;
  /** From now on every response closes its connection. */
  closing(): void;
}

export function trackInFlight(server: Server): InFlight {
  let active = 0;
  let closing = false;
  let waiters: (() => void)[] = [];
  server.on('request', (_req, res) => {
    active++;
    if (closing) res.shouldKeepAlive = false;
    res.once('close', () => {
      active--;
      if (closing) server.closeIdleConnections();
      if (active === 0) for (const w of waiters.splice(0)) w();
    });
  });
  return {
    count: () => active,
    drained: () =>
      active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    closing() {
      closing = true;
    },
  };
}

export interface ShutdownOptions {
  server: Server;
  inFlight: InFlight;
  gateway: Pick<Gateway, 'beginShutdown' | 'close'>;
  timeoutMs: number;
  logger: Logger;
  /** graphql-ws sockets: closed (going away) once their subscriptions have ended. */
  webSockets?: WebSocketHandle;
  /** Closed after the gateway (e.g. the embedded emulator, the tracer). */
  after?: () => Promise<void>;
}

/** Resolves when everything is closed; true if every in-flight request finished in time. */
export async function shutdown(o: ShutdownOptions): Promise<boolean> {
  o.gateway.beginShutdown();
  o.inFlight.closing();
  o.logger.info({ inFlight: o.inFlight.count() }, 'shutting down: draining requests');
  const listenerClosed = new Promise<void>((resolve) => o.server.close(() => resolve()));
  o.server.closeIdleConnections();
  const drained = await Promise.race([
    o.inFlight.drained().then(() => true),
    sleep(o.timeoutMs, false, { ref: false }),
  ]);
  if (!drained) {
    o.logger.warn({ inFlight: o.inFlight.count() }, 'shutdown timeout: closing connections');
  }
  // Upgraded sockets are no HTTP connections: the listener would wait for them.
  await o.webSockets?.close();
  o.server.closeAllConnections();
  await listenerClosed;
  await o.gateway.close();
  await o.after?.();
  o.logger.info('shut down');
  return drained;
}
