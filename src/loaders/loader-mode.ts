/**
 * How reads are shared. `batched` is subgate; `naive` is the benchmark's baseline built from the
 * same code: every resolver calls the vendor itself (no per-request dedupe, no shared cache).
 */
import type { Options } from 'dataloader';

export type LoaderMode = 'batched' | 'naive';

/** DataLoader options for a mode: the naive baseline neither batches nor remembers. */
export function dataLoaderOptions<K, V, C>(mode: LoaderMode): Options<K, V, C> {
  return mode === 'naive' ? { cache: false, batch: false } : {};
}
