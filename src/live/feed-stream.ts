/**
 * One subscriber's stream of items: pushed by its feed, read by the subscription. It starts (the
 * feed attached) on its first read, keeps at most `SLIDING` unread items (a slow reader loses
 * the oldest: each update carries an order's whole current state), and ends at `end` (after the
 * items already pushed are read) or `return`. A class with no async frames: an open subscription
 * holds it and, while waiting, one pending read.
 */
export const SLIDING = 32;

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

export interface FeedHooks<T> {
  /** Attaches the feed: `push` items, `end` the stream; returns the detach. */
  attach(stream: FeedStream<T>): () => void;
  /** Once stopped (ended, returned, or returned before it started), exactly once. */
  stopped(): void;
  /** Each item as it is read. */
  read?(item: T): void;
}

export class FeedStream<T> implements AsyncIterableIterator<T> {
  #hooks: FeedHooks<T>;
  #buffer: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | null = null;
  #state: 'new' | 'open' | 'stopped' = 'new';
  #detach: (() => void) | null = null;

  constructor(hooks: FeedHooks<T>) {
    this.#hooks = hooks;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#state === 'new') {
      this.#state = 'open';
      const detach = this.#hooks.attach(this);
      // Ended while attaching (a shutdown under way): detached at once.
      if (this.#state === 'open') this.#detach = detach;
      else detach();
    }
    if (this.#buffer.length > 0) return Promise.resolve(this.#read(this.#buffer.shift()!));
    if (this.#state === 'stopped') return Promise.resolve(DONE);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  /** An item for the reader (dropped once stopped). */
  push(item: T) {
    if (this.#state !== 'open') return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      waiting(this.#read(item));
      return;
    }
    this.#buffer.push(item);
    if (this.#buffer.length > SLIDING) this.#buffer.shift();
  }

  /** The last item, then the end: the feed is detached now, the reader reads what is left. */
  end(last: T) {
    if (this.#state !== 'open') return;
    this.push(last);
    this.#stop();
  }

  return(): Promise<IteratorResult<T>> {
    this.#buffer.length = 0;
    this.#stop();
    return Promise.resolve(DONE);
  }

  #read(item: T): IteratorResult<T> {
    this.#hooks.read?.(item);
    return { value: item, done: false };
  }

  #stop() {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    const detach = this.#detach;
    this.#detach = null;
    detach?.();
    this.#hooks.stopped();
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.(DONE);
  }
}
