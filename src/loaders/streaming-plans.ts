/**
 * The streaming plans on sale change rarely: kept for a few minutes per caller, so purchase
 * validation (commodityCode must be a plan) usually costs no vendor call.
 */
import type { StreamingPlan } from '../domain/streaming-plan.js';
import { detached, type IlopApi, type IlopCallOptions } from '../upstream/clients.js';

const TTL_MS = 5 * 60_000;
const MAX_CALLERS = 10_000;

export function createStreamingPlansCache(ilop: IlopApi, now: () => number = Date.now) {
  const byCaller = new Map<string, { at: number; plans: Promise<StreamingPlan[]> }>();
  return function streamingPlans(
    callerKey: string,
    call: IlopCallOptions,
  ): Promise<StreamingPlan[]> {
    const hit = byCaller.get(callerKey);
    if (hit && now() - hit.at < TTL_MS) return hit.plans;
    if (byCaller.size >= MAX_CALLERS) byCaller.delete(byCaller.keys().next().value!);
    // Shared by every request of the caller meanwhile: not cut short by the first one's client leaving.
    const plans = ilop.queryStreamingPlans(detached(call));
    byCaller.set(callerKey, { at: now(), plans });
    plans.catch(() => byCaller.delete(callerKey)); // never keep a failure
    return plans;
  };
}
export type StreamingPlansCache = ReturnType<typeof createStreamingPlansCache>;
