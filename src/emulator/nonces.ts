import type { Clock } from './clock.js';

/** Both vendors reject a nonce seen in the last 15 minutes and a timestamp more than 15 minutes off (docs/vendors.md). */
export const REPLAY_WINDOW_MS = 15 * 60_000;

/** Nonces remembered per key (AppKey or AccessKeyId) for the replay window. */
export class NonceRegistry {
  readonly #byKey = new Map<string, Map<string, number>>();
  readonly #now: Clock;

  constructor(now: Clock) {
    this.#now = now;
  }

  seen(key: string, nonce: string): boolean {
    const expiresAt = this.#byKey.get(key)?.get(nonce);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  remember(key: string, nonce: string): void {
    let nonces = this.#byKey.get(key);
    if (!nonces) {
      nonces = new Map();
      this.#byKey.set(key, nonces);
    }
    const now = this.#now();
    // Insertion order is (nearly) expiry order, so expired entries sit at the front.
    for (const [old, expiresAt] of nonces) {
      if (expiresAt > now) break;
      nonces.delete(old);
    }
    nonces.delete(nonce);
    nonces.set(nonce, now + REPLAY_WINDOW_MS);
  }
}
