/** A duplicate waiting for the first attempt stops waiting when its own client goes away. */
import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/idempotency/memory-idempotency-store.js';

describe('waitSettled', () => {
  it('ends at the abort with the record as it stands, and every other waiter still wakes on settle', async () => {
    const store = createMemoryIdempotencyStore();
    await store.claim('k', 'fp', 60_000, 60_000);
    const gone = new AbortController();
    const started = performance.now();
    const leaving = store.waitSettled('k', 30_000, gone.signal);
    const staying = [1, 2, 3].map(() => store.waitSettled('k', 30_000));
    setTimeout(() => gone.abort(), 20);
    expect(await leaving).toMatchObject({ state: 'pending' });
    expect(performance.now() - started).toBeLessThan(1_000);
    await store.settle('k', { fingerprint: 'fp', state: 'done', result: '{}' }, 60_000);
    for (const wait of staying) expect(await wait).toMatchObject({ state: 'done' });
    expect(await store.waitSettled('k', 30_000, AbortSignal.abort())).toMatchObject({
      state: 'done',
    });
    await store.close();
  });
});
