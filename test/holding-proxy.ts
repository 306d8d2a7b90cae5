/**
 * A loopback proxy in front of the emulator that can hold vendor answers, as a slow network
 * would: a barrier for tests that must act while a call is out (a client leaving, a write on
 * another replica, SIGTERM), where a sleep or an injected latency only makes that likely.
 * Requests are forwarded byte for byte with their Host header, so signatures (BSS signs host)
 * still verify.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hold {
  /** Resolves when the first held answer has come back from the vendor. */
  arrived: Promise<void>;
  /** How many answers are held now. */
  held(): number;
  /** Lets every held answer go on to the client, and later ones pass. */
  release(): void;
}

export interface HoldingProxy {
  url: string;
  /** Holds the answers to requests whose path starts with `pathPrefix` (any, when omitted). */
  hold(pathPrefix?: string): Hold;
  /** Requests forwarded so far, by path. */
  seen: string[];
  close(): Promise<void>;
}

/** `target()`: the emulator's URL, read per request (so the proxy may start before it). */
export async function startHoldingProxy(target: () => string): Promise<HoldingProxy> {
  const holds: { prefix: string; waiting: (() => void)[]; arrive: () => void; open: boolean }[] =
    [];
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push(req.url ?? '');
      const upstream = request(new URL(req.url ?? '/', target()), {
        method: req.method,
        headers: req.headers,
      });
      upstream.on('error', () => res.destroy());
      upstream.on('response', (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          const send = () => {
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers as IncomingHttpHeaders);
            res.end(Buffer.concat(body));
          };
          const hold = holds.find((h) => h.open && (req.url ?? '').startsWith(h.prefix));
          if (!hold) return send();
          hold.waiting.push(send);
          hold.arrive();
        });
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    hold(prefix = '') {
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const hold = { prefix, waiting: [] as (() => void)[], arrive, open: true };
      holds.push(hold);
      return {
        arrived,
        held: () => hold.waiting.length,
        release() {
          hold.open = false;
          for (const send of hold.waiting.splice(0)) send();
        },
      };
    },
    async close() {
      for (const h of holds) h.open = false;
      for (const h of holds) for (const send of h.waiting.splice(0)) send();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
