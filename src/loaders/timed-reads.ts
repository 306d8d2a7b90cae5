/**
 * A vendor read kept for a few minutes per key, in process: what plan catalogues need (they change
 * rarely, and purchase validation must not cost a call each time). A failure is never kept.
 */
import { detached, type IlopCallOptions } from '../upstream/clients.js';

const TTL_MS = 5 * 60_000;
const MAX_KEYS = 10_000;

export function createTimedReads<T>(
  load: (call: IlopCallOptions) => Promise<T>,
  now: () => number = Date.now,
) {
  const byKey = new Map<string, { at: number; value: Promise<T> }>();
  return function read(key: string, call: IlopCallOptions): Promise<T> {
    const hit = byKey.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.value;
    if (byKey.size >= MAX_KEYS) byKey.delete(byKey.keys().next().value!);
    // Shared by every request meanwhile: not cut short by the first one's client leaving.
    const value = load(detached(call));
    byKey.set(key, { at: now(), value });
    value.catch(() => byKey.delete(key));
    return value;
  };
}
