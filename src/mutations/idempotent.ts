/**
 * Running a non-idempotent vendor write at most once per idempotency key (24 h): the same key
 * and input replay the first result; concurrent duplicates wait for it; a different input is a
 * ValidationError; after an unknown outcome, or an owner that died mid-write (its lease passed),
 * the next attempt reconciles before writing again.
 */
import { createHash } from 'node:crypto';
import type { JsonCodec } from '../domain/json-codec.js';
import {
  IDEMPOTENCY_TTL_MS,
  IdempotencyUnavailableError,
  PENDING_LEASE_MS,
  type IdempotencyStore,
} from '../idempotency/idempotency-store.js';
import {
  ForbiddenError,
  OutcomeUnknownError,
  ValidationError,
  VendorRejectedError,
} from './results.js';
import { accessRefusal, isFinalRefusal, writeFailure } from './write-errors.js';
import type { DeviceOrder } from '../live/events.js';
import type { LiveUpdates } from '../live/live-updates.js';

/** How long a duplicate waits for the first attempt (a vendor write plus its reads). */
const WAIT_FOR_FIRST_MS = 30_000;

export interface IdempotentWrite<T> {
  store: IdempotencyStore;
  /** The caller and the mutation: a key never crosses callers. */
  scope: string;
  key: string | null;
  /** The validated input, without the key: its hash must match on replay. */
  input: unknown;
  /** Runs before the write, keyed calls only; its JSON is what `reconcile` gets. */
  prepare?: () => Promise<unknown>;
  write: () => Promise<T>;
  /**
   * Runs once the vendor made it (the write's answer, or what `reconcile` found), before the
   * outcome is recorded: fills in what the vendor's answer lacks (buy answers only an id), so
   * replays answer the whole outcome with no vendor call. Best effort: if it fails, the vendor's
   * own answer is recorded, and the caller completes it again on each replay.
   */
  complete?: (result: T) => Promise<T>;
  /** After an unknown outcome: what the earlier attempt made, or null if it made nothing. */
  reconcile: (context: unknown) => Promise<T | null>;
  /** The request's: a duplicate waiting for the first attempt stops when its client leaves. */
  signal?: AbortSignal;
  /**
   * Subscribers hear of every write (docs/subscriptions.md): `changed` names the orders a result
   * made or changed, published once the result is known (a replay too: subscribers drop a state
   * they have seen).
   */
  live: Pick<LiveUpdates, 'changed'>;
  changed: (result: T) => readonly DeviceOrder[];
}

type Stored<T> = { ok: T } | { refusal: { type: string; [k: string]: unknown } };

/**
 * The input's hash, independent of key order and of absent fields. Keys sort by UTF-16 code unit:
 * a locale's collation would make the same input hash differently on another machine.
 */
export function fingerprint(input: unknown): string {
  const stable = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined && x !== null)
            .sort(([a], [b]) => (a < b ? -1 : 1)) // keys are distinct
            .map(([k, x]) => [k, stable(x)]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(stable(input)))
    .digest('hex');
}

function storeRefusal(err: Error): Stored<never> {
  return { refusal: { type: err.name, ...err, message: err.message } };
}

function replay<T>(stored: Stored<T>, results: JsonCodec<T>): T {
  if ('ok' in stored) return results.decode(stored.ok);
  const r = stored.refusal;
  if (r.type === 'ForbiddenError') {
    throw new ForbiddenError(
      String(r.message),
      (r.vendorCode as string) ?? null,
      (r.requestId as string) ?? null,
    );
  }
  throw Object.assign(
    new VendorRejectedError({
      vendor: r.vendor as never,
      code: String(r.vendorCode),
      message: String(r.message),
      localizedMessage: (r.localizedMessage as string) ?? null,
      requestId: (r.requestId as string) ?? null,
    }),
  );
}

/** `results` decodes a replayed result from its stored JSON. */
export async function runIdempotentWrite<T>(
  w: IdempotentWrite<T>,
  results: JsonCodec<T>,
): Promise<T> {
  try {
    const result = await runOnce(w, results);
    w.live.changed(w.changed(result));
    return result;
  } catch (err) {
    // The reads around the write (prepare, reconcile) meet the same access refusals.
    throw accessRefusal(err);
  }
}

async function runOnce<T>(w: IdempotentWrite<T>, results: JsonCodec<T>): Promise<T> {
  if (w.key === null) {
    let result: T;
    try {
      result = await w.write();
    } catch (err) {
      throw writeFailure(err, null);
    }
    return completed(w, result);
  }
  const storeKey = `${w.scope}:${w.key}`;
  const print = fingerprint(w.input);
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = await w.store.claim(storeKey, print, IDEMPOTENCY_TTL_MS, PENDING_LEASE_MS);
    if (!claim.claimed) {
      const record =
        claim.record.state === 'pending'
          ? await w.store.waitSettled(storeKey, WAIT_FOR_FIRST_MS, w.signal)
          : claim.record;
      if (record === null) continue; // the first attempt made nothing: try again
      if (record.fingerprint !== print) {
        throw new ValidationError([
          { field: 'input.idempotencyKey', rule: 'was already used with a different input' },
        ]);
      }
      if (record.state === 'done' && record.result)
        return replay(JSON.parse(record.result), results);
      if (record.state === 'unknown') continue; // claim it and reconcile
      throw new OutcomeUnknownError(
        'A request with this idempotencyKey is still in progress; send it again shortly.',
        w.key,
        null,
      );
    }
    let context: unknown;
    // A previous attempt that reached the vendor (it recorded its context first) may have made
    // something; one that died before that certainly did not, and is simply done again.
    if (claim.previous?.context !== undefined) {
      context = JSON.parse(claim.previous.context);
      let found: T | null;
      try {
        found = await w.reconcile(context);
      } catch (err) {
        // Still undecided: the next attempt reconciles again.
        await bookkeeping(
          w.store.settle(
            storeKey,
            { fingerprint: print, state: 'unknown', context: claim.previous.context },
            IDEMPOTENCY_TTL_MS,
          ),
        );
        throw err;
      }
      if (found !== null) {
        const outcome = await completed(w, found);
        await bookkeeping(settleDone(w, storeKey, print, { ok: outcome }));
        return outcome;
      }
    } else if (w.prepare) {
      try {
        context = await w.prepare();
      } catch (err) {
        await bookkeeping(w.store.release(storeKey));
        throw err;
      }
    }
    const contextJson = JSON.stringify(context ?? null);
    try {
      await w.store.beginWrite(storeKey, contextJson, PENDING_LEASE_MS);
    } catch (err) {
      await bookkeeping(w.store.release(storeKey));
      throw err;
    }
    let result: T;
    try {
      result = await w.write();
    } catch (err) {
      const failure = writeFailure(err, w.key);
      if (failure instanceof OutcomeUnknownError) {
        await bookkeeping(
          w.store.settle(
            storeKey,
            { fingerprint: print, state: 'unknown', context: contextJson },
            IDEMPOTENCY_TTL_MS,
          ),
        );
      } else if (isFinalRefusal(failure)) {
        await bookkeeping(settleDone(w, storeKey, print, storeRefusal(failure as Error)));
      } else {
        await bookkeeping(w.store.release(storeKey));
      }
      throw failure;
    }
    // The vendor made it: that answer stands even if it cannot be completed or recorded.
    const outcome = await completed(w, result);
    await bookkeeping(settleDone(w, storeKey, print, { ok: outcome }));
    return outcome;
  }
  throw new OutcomeUnknownError(
    'A request with this idempotencyKey could not be settled; send it again.',
    w.key,
    null,
  );
}

async function completed<T>(w: IdempotentWrite<T>, result: T): Promise<T> {
  if (!w.complete) return result;
  return w.complete(result).catch(() => result);
}

/**
 * Recording an outcome after the vendor answered: a store that fails then (Redis went down) must
 * not replace that answer. The record stays `pending` with the write's context, so a retry with
 * the key waits out the lease, then reconciles (finds what was made) instead of writing again.
 * The store's guard has already counted and logged the failure.
 */
async function bookkeeping(step: Promise<void>): Promise<void> {
  await step.catch((err: unknown) => {
    if (!(err instanceof IdempotencyUnavailableError)) throw err;
  });
}

async function settleDone<T>(w: IdempotentWrite<T>, key: string, print: string, stored: Stored<T>) {
  await w.store.settle(
    key,
    { fingerprint: print, state: 'done', result: JSON.stringify(stored) },
    IDEMPOTENCY_TTL_MS,
  );
}
