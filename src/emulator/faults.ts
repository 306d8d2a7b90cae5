import { z } from 'zod';
import type { Clock } from './clock.js';
import { admit, SlidingWindow } from './rate-window.js';
import { issuesOf, type ValidationIssue } from './validation-issue.js';

// Injected faults (PUT /__emulator/faults). Semantics are documented in README.md#faults.

/** The most latency the emulator adds to one call, by a fault rule or EMULATOR_LATENCY_MS. */
export const MAX_LATENCY_MS = 600_000;

const failWithSchema = z.union([
  z.strictObject({ httpStatus: z.number().int().min(400).max(599) }),
  z.strictObject({ code: z.union([z.number().int(), z.string().min(1)]) }),
  z.strictObject({ malformed: z.literal(true) }),
  z.strictObject({ drop: z.literal(true) }),
]);

const faultRuleSchema = z
  .strictObject({
    api: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
    failureRate: z.number().min(0).max(1).optional(),
    failWith: failWithSchema.optional(),
    maxQps: z.number().positive().optional(),
  })
  .refine((rule) => rule.failureRate === undefined || rule.failWith !== undefined, {
    message: 'failureRate needs failWith (what a failing call answers)',
    path: ['failWith'],
  });

export const faultRulesSchema = z.array(faultRuleSchema);

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FailWith = z.infer<typeof failWithSchema>;

export type FaultVerdict =
  { ok: true; rules: FaultRule[] } | { ok: false; errors: ValidationIssue[] };

export function validateFaultRules(document: unknown): FaultVerdict {
  const parsed = faultRulesSchema.safeParse(document);
  return parsed.success
    ? { ok: true, rules: parsed.data }
    : { ok: false, errors: issuesOf(parsed.error) };
}

interface ActiveRule {
  rule: FaultRule;
  /** The calls let through in the last second (maxQps). */
  window?: SlidingWindow;
}

export class Faults {
  #rules: ActiveRule[] = [];
  readonly #now: Clock;
  readonly #random: () => number;

  constructor(now: Clock, random: () => number = Math.random) {
    this.#now = now;
    this.#random = random;
  }

  list(): FaultRule[] {
    return this.#rules.map((r) => structuredClone(r.rule));
  }

  replace(rules: FaultRule[]): void {
    this.#rules = rules.map((rule) => ({
      rule,
      ...(rule.maxQps === undefined ? {} : { window: new SlidingWindow(rule.maxQps) }),
    }));
  }

  #matching(api: string): ActiveRule[] {
    return this.#rules.filter((r) => r.rule.api === undefined || r.rule.api === api);
  }

  /** The largest latencyMs among matching rules; the emulator's default when none sets one. */
  latencyFor(api: string, fallback: number): number {
    const values = this.#matching(api)
      .map((r) => r.rule.latencyMs)
      .filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : fallback;
  }

  /**
   * Sliding one-second window per rule (a rule without api counts every API together), checked with
   * `limits` (the vendor's own windows for this call). Returns the ms until a call would be let
   * through when throttled, else undefined and the call is counted in every window.
   */
  throttle(api: string, limits: readonly SlidingWindow[] = []): number | undefined {
    const rules = this.#matching(api).flatMap((r) => (r.window ? [r.window] : []));
    return admit([...limits, ...rules], this.#now());
  }

  /** The first matching rule whose failureRate (default 1) fires decides how this call fails. */
  failure(api: string): FailWith | undefined {
    for (const { rule } of this.#matching(api)) {
      if (!rule.failWith) continue;
      const rate = rule.failureRate ?? 1;
      if (rate >= 1 || this.#random() < rate) return rule.failWith;
    }
    return undefined;
  }
}
