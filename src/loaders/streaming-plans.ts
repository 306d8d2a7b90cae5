/**
 * The streaming plans on sale change rarely: kept for a few minutes per caller, so purchase
 * validation (commodityCode must be a plan) usually costs no vendor call.
 */
import type { StreamingPlan } from '../domain/streaming-plan.js';
import type { IlopApi, IlopCallOptions } from '../upstream/clients.js';
import { createTimedReads } from './timed-reads.js';

export function createStreamingPlansCache(ilop: IlopApi, now: () => number = Date.now) {
  const read = createTimedReads((call) => ilop.queryStreamingPlans(call), now);
  return (callerKey: string, call: IlopCallOptions): Promise<StreamingPlan[]> =>
    read(callerKey, call);
}
export type StreamingPlansCache = ReturnType<typeof createStreamingPlansCache>;
