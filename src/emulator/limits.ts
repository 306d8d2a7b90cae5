import { z } from 'zod';
import { SlidingWindow } from './rate-window.js';
import { issuesOf, type ValidationIssue } from './validation-issue.js';

/**
 * The vendors' own flow control, on unless turned off: BSS allows 10 calls per second per AccessKeyId
 * for each API (QueryOrders, GetOrderDetail, ...), answering Throttling.User over it. Living IoT
 * publishes no limit, so none applies there. Fault rules' `maxQps` applies on top (README.md#faults).
 */
export const DEFAULT_BSS_QPS = 10;
/** The highest limit the emulator takes (EMULATOR_BSS_QPS, PUT /__emulator/limits). */
export const MAX_BSS_QPS = 100_000;

const limitsSchema = z.strictObject({
  /** Calls per second per AccessKeyId per BSS API; 0 turns the limit off. */
  bssQps: z.number().int().min(0).max(MAX_BSS_QPS),
});

export type LimitSettings = z.infer<typeof limitsSchema>;

export type LimitsVerdict =
  { ok: true; limits: LimitSettings } | { ok: false; errors: ValidationIssue[] };

export function validateLimits(document: unknown): LimitsVerdict {
  const parsed = limitsSchema.safeParse(document);
  return parsed.success
    ? { ok: true, limits: parsed.data }
    : { ok: false, errors: issuesOf(parsed.error) };
}

export class VendorLimits {
  #settings: LimitSettings;
  #windows = new Map<string, SlidingWindow>();

  constructor(settings: LimitSettings) {
    this.#settings = { ...settings };
  }

  get(): LimitSettings {
    return { ...this.#settings };
  }

  /** New settings start with empty windows. */
  replace(settings: LimitSettings): void {
    this.#settings = { ...settings };
    this.#windows.clear();
  }

  /** The window a BSS call of this AccessKeyId to this API counts in; none when the limit is off. */
  bssWindows(accessKeyId: string, api: string): SlidingWindow[] {
    if (this.#settings.bssQps === 0) return [];
    const key = `${accessKeyId}\n${api}`;
    let window = this.#windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.#settings.bssQps);
      this.#windows.set(key, window);
    }
    return [window];
  }
}
