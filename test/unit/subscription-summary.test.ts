import { describe, expect, it } from 'vitest';
import { summarizePlans } from '../../src/domain/subscription-summary.js';

const now = new Date('2026-06-15T00:00:00Z');
const plan = (id: string, start: string, end: string, over: object = {}) => ({
  id,
  status: 'ACTIVE',
  paymentStatus: 'PAID',
  startTime: new Date(start),
  endTime: new Date(end),
  ...over,
});

describe('summarizePlans', () => {
  it('finds the plan in service, the queue behind it and when service ends', () => {
    const s = summarizePlans(
      [
        plan('later', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z'),
        plan('now', '2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'),
        plan('next', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z'),
        plan('old', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', { status: 'EXPIRED' }),
        plan('unpaid', '2026-06-01T00:00:00Z', '2026-12-01T00:00:00Z', { paymentStatus: 'UNPAID' }),
      ],
      now,
    );
    expect(s.activePlan?.id).toBe('now');
    expect(s.queuedPlans.map((p) => p.id)).toEqual(['next', 'later']);
    expect(s.serviceEndsAt?.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('has nothing to show for a device with no valid plan', () => {
    const s = summarizePlans(
      [plan('frozen', '2026-06-01', '2026-07-01', { status: 'FROZEN' })],
      now,
    );
    expect(s).toEqual({ activePlan: null, queuedPlans: [], serviceEndsAt: null });
  });
});
