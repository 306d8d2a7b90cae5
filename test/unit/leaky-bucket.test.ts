/** The bucket's rules (src/budgets/leaky-bucket.ts), which the Redis script mirrors. */
import { describe, expect, it } from 'vitest';
import { apply, restored } from '../../src/budgets/leaky-bucket.js';

const size = { max: 100, restorePerSecond: 10 };

describe('leaky bucket', () => {
  it('starts full, takes what it holds and refuses what it does not', () => {
    const first = apply(undefined, size, 60, 0);
    expect(first.reading).toMatchObject({ ok: true, available: 40, retryAfterSeconds: 0 });
    const refused = apply(first.state, size, 60, 0);
    expect(refused.reading).toMatchObject({ ok: false, available: 40, retryAfterSeconds: 2 });
    expect(refused.state.available).toBe(40);
  });

  it('restores at its rate, never above its size', () => {
    const { state } = apply(undefined, size, 100, 0);
    expect(restored(state, size, 2_500)).toBe(25);
    expect(restored(state, size, 60_000)).toBe(100);
    expect(apply(state, size, 0, 0).reading.fullAt).toBe(10_000);
  });

  it('refunds up to its size, and a forced charge goes into debt', () => {
    const { state } = apply(undefined, size, 30, 0);
    expect(apply(state, size, -50, 0).reading.available).toBe(100);
    const debt = apply(state, size, 90, 0, true);
    expect(debt.reading).toMatchObject({ ok: true, available: -20 });
    expect(apply(debt.state, size, 10, 0).reading.retryAfterSeconds).toBe(3);
  });
});
