/**
 * The live bench's subscribers, in a process of their own so that reading 1,000 SSE streams does
 * not take CPU from the load generator beside them. IPC: `open` {url, n, body, headers} → `opened`;
 * `report` → `seen` (each `orderId:paymentStatus` → its receipt times, epoch ms); `close`.
 */
import { Agent, request, type ClientRequest } from 'node:http';

const seen = new Map<string, number[]>();
const open: ClientRequest[] = [];
const now = () => performance.timeOrigin + performance.now();
// One socket per subscriber, as distinct-connections SSE clients have.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One SSE subscriber on node:http: fetch and web streams would cost this process more per update
 * than the gateway spends sending it, and a receipt is timed when its bytes arrive.
 */
function subscribe(url: string, body: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          accept: 'text/event-stream',
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            const update = data && JSON.parse(data.slice(6)).data?.orderUpdated;
            if (!update) continue;
            const key = `${update.orderId}:${update.paymentStatus}`;
            const times = seen.get(key);
            if (times) times.push(at);
            else seen.set(key, [at]);
          }
        });
        res.on('error', () => {});
        resolve();
      },
    );
    req.on('error', reject);
    open.push(req);
    req.end(body);
  });
}

type Msg =
  | { type: 'open'; url: string; n: number; body: string; headers: Record<string, string> }
  | { type: 'report' }
  | { type: 'close' };

process.on('message', async (msg: Msg) => {
  if (msg.type === 'open') {
    for (let i = 0; i < msg.n; i += 100) {
      const batch = Math.min(100, msg.n - i);
      await Promise.all(
        Array.from({ length: batch }, () => subscribe(msg.url, msg.body, msg.headers)),
      );
    }
    process.send!({ type: 'opened' });
  } else if (msg.type === 'report') {
    process.send!({ type: 'seen', seen: Object.fromEntries(seen) });
  } else {
    for (const req of open.splice(0)) {
      req.removeAllListeners('error');
      req.on('error', () => {});
      req.destroy();
    }
    seen.clear();
    process.send!({ type: 'closed' });
  }
});
process.on('disconnect', () => process.exit(0));
