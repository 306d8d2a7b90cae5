/**
 * The live bench's subscribers, in a process of their own so that reading 1,000 SSE streams does
 * not take CPU from the load generator beside them. IPC: `open` {url, n, body, headers} → `opened`;
 * `report` → `seen` (each `orderId:paymentStatus` → its receipt times, epoch ms); `close`.
 */
const seen = new Map<string, number[]>();
const aborts: AbortController[] = [];
const now = () => performance.timeOrigin + performance.now();

async function subscribe(url: string, body: string, headers: Record<string, string>) {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, accept: 'text/event-stream' },
    body,
    signal: abort.signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        const update = data && JSON.parse(data.slice(6)).data?.orderUpdated;
        if (!update) continue;
        const key = `${update.orderId}:${update.paymentStatus}`;
        const times = seen.get(key);
        if (times) times.push(now());
        else seen.set(key, [now()]);
      }
    }
  })();
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
    for (const a of aborts.splice(0)) a.abort();
    seen.clear();
    process.send!({ type: 'closed' });
  }
});
process.on('disconnect', () => process.exit(0));
