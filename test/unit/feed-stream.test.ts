import { describe, expect, it } from 'vitest';
import { FeedStream, SLIDING } from '../../src/live/feed-stream.js';

/** A stream whose feed is recorded: attaches, detaches, stops, and the items read. */
function recorded(onAttach: (s: FeedStream<number>) => void = () => {}) {
  const log = { attached: 0, detached: 0, stopped: 0, read: [] as number[] };
  const stream = new FeedStream<number>({
    attach(s) {
      log.attached++;
      onAttach(s);
      return () => void log.detached++;
    },
    stopped: () => void log.stopped++,
    read: (item) => void log.read.push(item),
  });
  return { stream, log };
}

const take = async (stream: FeedStream<number>, n: number) => {
  const out: (number | 'done')[] = [];
  for (let i = 0; i < n; i++) {
    const r = await stream.next();
    out.push(r.done ? 'done' : r.value);
  }
  return out;
};

describe('FeedStream (one subscriber’s items)', () => {
  it('attaches on its first read and hands a pushed item to a waiting read', async () => {
    const { stream, log } = recorded();
    expect(log.attached).toBe(0);
    const pending = stream.next();
    expect(log.attached).toBe(1);
    stream.push(7);
    expect(await pending).toEqual({ value: 7, done: false });
    expect(log.read).toEqual([7]);
  });

  it(`keeps the newest ${SLIDING} unread items`, async () => {
    const { stream } = recorded((s) => {
      for (let i = 1; i <= SLIDING + 5; i++) s.push(i);
    });
    const first = await stream.next();
    expect(first.value).toBe(6);
    const rest = await take(stream, SLIDING - 1);
    expect(rest.at(-1)).toBe(SLIDING + 5);
  });

  it('ends after its last item: detached and stopped at once, the items left still read', async () => {
    let feed!: FeedStream<number>;
    const { stream, log } = recorded((s) => (feed = s));
    const pending = stream.next();
    feed.push(1);
    await pending;
    feed.push(2);
    feed.end(3);
    expect([log.detached, log.stopped]).toEqual([1, 1]);
    feed.push(4); // after the end: dropped
    expect(await take(stream, 3)).toEqual([2, 3, 'done']);
    await stream.return();
    expect([log.detached, log.stopped]).toEqual([1, 1]);
  });

  it('returned while a read waits: that read is done, the feed detached once', async () => {
    const { stream, log } = recorded();
    const pending = stream.next();
    await stream.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    await stream.return();
    expect([log.attached, log.detached, log.stopped]).toEqual([1, 1, 1]);
  });

  it('returned before its first read: stopped without ever attaching', async () => {
    const { stream, log } = recorded();
    await stream.return();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect([log.attached, log.detached, log.stopped]).toEqual([0, 0, 1]);
  });

  it('ended while attaching (a shutdown under way): detached at once, its last item read', async () => {
    const { stream, log } = recorded((s) => s.end(9));
    expect(await take(stream, 2)).toEqual([9, 'done']);
    expect([log.attached, log.detached, log.stopped]).toEqual([1, 1, 1]);
  });
});
