/**
 * A circuit breaker per vendor API: after `failureThreshold` consecutive failures that say the
 * vendor is down (error-category.ts `health`: timeouts, connection errors, 5xx, unreadable
 * answers) calls fail fast with VENDOR_UNAVAILABLE for `openMs`; then one probe call is let through
 * (half-open) and its outcome closes or re-opens the circuit. Refusals prove the vendor is up.
 */
import { VENDOR_UNAVAILABLE, VendorError } from './vendor-error.js';
import type { Vendor } from './vendor-error.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
  onStateChange?: (api: string, state: BreakerState) => void;
}

export interface Breakers {
  /** Runs `fn` unless the API's circuit is open; records its outcome. */
  guard<T>(api: string, fn: () => Promise<T>): Promise<T>;
  state(api: string): BreakerState;
  /** Every API seen so far and its state (for metrics). */
  states(): [api: string, state: BreakerState][];
}

const OUTCOME = { down: 'failure', up: 'success', unknown: 'neutral' } as const;

/** `failure`: the vendor looks down; `neutral`: says nothing (caller abort, nothing sent). */
export function classifyOutcome(err: unknown): 'failure' | 'success' | 'neutral' {
  return err instanceof VendorError ? OUTCOME[err.facts.health] : 'neutral';
}

/**
 * Thrown while open. Code VENDOR_UNAVAILABLE (what the client sees); nothing was sent, so a write
 * that meets it certainly made nothing.
 */
export class CircuitOpenError extends VendorError {
  constructor(vendor: Vendor, api: string, threshold: number) {
    super({
      vendor,
      code: VENDOR_UNAVAILABLE,
      message: `circuit open: ${api} failed ${threshold} times in a row; not called`,
      kind: 'gateway',
      category: 'circuit-open',
      api,
    });
    this.name = 'CircuitOpenError';
  }
}

interface Circuit {
  state: BreakerState;
  failures: number;
  openedAt: number;
  probing: boolean;
}

export function createBreakers(vendor: Vendor, options: BreakerOptions): Breakers {
  const now = options.now ?? Date.now;
  const circuits = new Map<string, Circuit>();
  const circuit = (api: string): Circuit => {
    let c = circuits.get(api);
    if (!c) {
      c = { state: 'closed', failures: 0, openedAt: 0, probing: false };
      circuits.set(api, c);
    }
    return c;
  };
  const set = (api: string, c: Circuit, state: BreakerState) => {
    if (c.state === state) return;
    c.state = state;
    try {
      options.onStateChange?.(api, state);
    } catch {
      // Observability must not change the call's outcome.
    }
  };

  return {
    async guard(api, fn) {
      const c = circuit(api);
      if (c.state === 'open' && now() - c.openedAt >= options.openMs) set(api, c, 'half-open');
      // Half-open lets exactly one probe through; everyone else still fails fast.
      const probe = c.state === 'half-open' && !c.probing;
      if (c.state === 'open' || (c.state === 'half-open' && !probe)) {
        throw new CircuitOpenError(vendor, api, options.failureThreshold);
      }
      if (probe) c.probing = true;
      let outcome: 'failure' | 'success' | 'neutral';
      try {
        const value = await fn();
        outcome = 'success';
        return value;
      } catch (err) {
        outcome = classifyOutcome(err);
        throw err;
      } finally {
        if (probe) c.probing = false;
        if (outcome! === 'success') {
          c.failures = 0;
          set(api, c, 'closed');
        } else if (outcome! === 'failure') {
          c.failures++;
          if (probe || c.failures >= options.failureThreshold) {
            c.openedAt = now();
            set(api, c, 'open');
          }
        }
      }
    },
    state: (api) => circuits.get(api)?.state ?? 'closed',
    states: () => [...circuits].map(([api, c]) => [api, c.state]),
  };
}
