/** The vendors' flow-control window: calls let through in the last second. */
export const WINDOW_MS = 1_000;

/**
 * A sliding one-second window on the emulator clock. Checking and recording are separate so a call
 * limited by several windows (a fault rule and the vendor's own limit) counts in none of them when
 * any one refuses it: throttled calls do not use up the window.
 */
export class SlidingWindow {
  #recent: number[] = [];

  constructor(readonly limit: number) {}

  /** Ms until a call would be let through, or undefined when there is room now. */
  waitAt(now: number): number | undefined {
    this.#recent = this.#recent.filter((t) => t > now - WINDOW_MS);
    if (this.#recent.length < this.limit) return undefined;
    return Math.max(1, (this.#recent[0] ?? now) + WINDOW_MS - now);
  }

  record(now: number): void {
    this.#recent.push(now);
  }
}

/** Ms until every window has room (undefined: now, and the call is recorded in each). */
export function admit(windows: readonly SlidingWindow[], now: number): number | undefined {
  let waitMs: number | undefined;
  for (const window of windows) {
    const wait = window.waitAt(now);
    if (wait !== undefined) waitMs = Math.max(waitMs ?? 0, wait);
  }
  if (waitMs === undefined) for (const window of windows) window.record(now);
  return waitMs;
}
