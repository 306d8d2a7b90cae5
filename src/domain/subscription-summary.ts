/**
 * What a frontend shows for a device's plan: the plan in service now, the paid plans queued
 * behind it, and when service ends. Pure, so the rules are unit-tested.
 */

interface PlanLike {
  status: string;
  paymentStatus: string;
  startTime: Date | null;
  endTime: Date | null;
}

export interface SubscriptionSummary<T> {
  activePlan: T | null;
  queuedPlans: T[];
  serviceEndsAt: Date | null;
}

const startOf = (p: PlanLike) => p.startTime?.getTime() ?? Number.NEGATIVE_INFINITY;
const endOf = (p: PlanLike) => p.endTime?.getTime() ?? Number.POSITIVE_INFINITY;

/**
 * Active: status ACTIVE, paid, and `now` within its validity (the earliest-ending such plan).
 * Queued: status ACTIVE, paid, starting after `now`, in start order (the create document `immediateUse`:
 * a plan bought without it starts when the previous one ends).
 */
export function summarizePlans<T extends PlanLike>(plans: T[], now: Date): SubscriptionSummary<T> {
  const t = now.getTime();
  const valid = plans.filter((p) => p.status === 'ACTIVE' && p.paymentStatus === 'PAID');
  const current = valid
    .filter((p) => startOf(p) <= t && t < endOf(p))
    .sort((a, b) => endOf(a) - endOf(b));
  const queuedPlans = valid.filter((p) => startOf(p) > t).sort((a, b) => startOf(a) - startOf(b));
  const inService = [...current, ...queuedPlans];
  const lastEnd = inService.reduce<number | null>((m, p) => Math.max(m ?? 0, endOf(p)), null);
  return {
    activePlan: current[0] ?? null,
    queuedPlans,
    serviceEndsAt: lastEnd === null || !Number.isFinite(lastEnd) ? null : new Date(lastEnd),
  };
}
