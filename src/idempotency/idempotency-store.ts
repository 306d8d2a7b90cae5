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
  /**
   * What reconciliation needs (JSON), e.g. the orders that existed before; set when the vendor
   * write begins, so its absence on a pending record means the write never started.
   */
  context?: string;
  /** `pending`: until when (epoch ms) its owner is presumed alive; past it, a retry takes over. */
  leaseUntil?: number;
}

export type ClaimResult =
  /** The caller owns the key now; `previous` is the record of an attempt whose outcome is unknown. */
  | { claimed: true; previous: IdempotencyRecord | null }
  | { claimed: false; record: IdempotencyRecord };

export interface IdempotencyStore {
  /**
   * Atomically: create a pending record leased for `leaseMs`, or take over (same fingerprint) an
   * `unknown` one or a `pending` one whose lease has passed (its owner died); else return what is
   * there.
   */
  claim(key: string, fingerprint: string, ttlMs: number, leaseMs: number): Promise<ClaimResult>;
  /** The owner is about to call the vendor: record the reconciliation context, renew the lease. */
  beginWrite(key: string, context: string, leaseMs: number): Promise<void>;
  /** Record the outcome (`done` with a result, or `unknown` with reconciliation context). */
  settle(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  /** Forget the key: the attempt certainly made nothing, so a retry may start afresh. */
  release(key: string): Promise<void>;
  /**
   * Wait while the record is pending; resolves with it once settled (null if released), or as it
   * stands when `timeoutMs` passes or `signal` aborts (the waiting client went away).
   */
  waitSettled(
    key: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<IdempotencyRecord | null>;
  close(): Promise<void>;
}

/**
 * The store could not be reached (Redis down or too slow): nothing is known about the key, so a
 * keyed write must not go on. Clients see SERVICE_UNAVAILABLE and may retry with the same key.
 */
export class IdempotencyUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Idempotency records are unavailable; retry with the same idempotencyKey shortly.', {
      cause,
    });
    this.name = 'IdempotencyUnavailableError';
  }
}

/** 24 hours: how long a key answers with its first result. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a pending record's owner is presumed alive: longer than a vendor write may take (its
 * timeout is at most 60 s, and writes are never retried) plus the reads around it, so a live owner
 * is never taken over; a replica that died mid-write blocks its key for this long, not 24 hours.
 */
export const PENDING_LEASE_MS = 2 * 60 * 1000;
