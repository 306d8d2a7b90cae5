/**
 * Idempotency records for non-idempotent vendor calls (purchase, bind). The store is an
 * interface so replicas can share one (Redis); the default lives in this process.
 */

export type IdempotencyState = 'pending' | 'done' | 'unknown';

export interface IdempotencyRecord {
  /** Hash of the input the key was first used with. */
  fingerprint: string;
  state: IdempotencyState;
  /** `done`: the JSON result to replay. */
  result?: string;
  /** What reconciliation needs after an unknown outcome (JSON), e.g. the orders that existed before. */
  context?: string;
}

export type ClaimResult =
  /** The caller owns the key now; `previous` is the record of an attempt whose outcome is unknown. */
  | { claimed: true; previous: IdempotencyRecord | null }
  | { claimed: false; record: IdempotencyRecord };

export interface IdempotencyStore {
  /** Atomically: create a pending record, or take over an `unknown` one; else return what is there. */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<ClaimResult>;
  /** Record the outcome (`done` with a result, or `unknown` with reconciliation context). */
  settle(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  /** Forget the key: the attempt certainly made nothing, so a retry may start afresh. */
  release(key: string): Promise<void>;
  /** Wait while the record is pending; resolves with it once settled (null if released). */
  waitSettled(key: string, timeoutMs: number): Promise<IdempotencyRecord | null>;
  close(): Promise<void>;
}

/** 24 hours: how long a key answers with its first result. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
