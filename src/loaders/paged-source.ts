/**
 * Serving Relay windows from a vendor's pageNo/pageSize paging with the fewest calls.
 */
import DataLoader from 'dataloader';
import type { Page } from '../domain/page.js';
import {
  planPages,
  rangeWithoutTotal,
  resolveWindow,
  type WindowRequest,
  type WindowSlice,
} from './window-pages.js';

/** A list the vendor serves in pages: `index` is zero-based whatever the vendor's base. */
export interface PagedSource<T> {
  maxPageSize: number;
  loadPage(index: number, pageSize: number): Promise<Page<T>>;
}

/**
 * A per-request page loader for one kind of list: one vendor call per distinct
 * (list, page, size), shared by every field that needs it.
 */
export function createPageLoader<K, T>(
  keyOf: (list: K) => string,
  fetchPage: (list: K, index: number, pageSize: number) => Promise<Page<T>>,
) {
  type Key = { list: K; index: number; pageSize: number };
  const cacheKey = (k: Key) => `${keyOf(k.list)}|${k.index}|${k.pageSize}`;
  const loader = new DataLoader<Key, Page<T>, string>(
    (keys) =>
      Promise.all(keys.map((k) => fetchPage(k.list, k.index, k.pageSize).catch((e: Error) => e))),
    { cacheKeyFn: cacheKey },
  );
  // Keys loaded per list, so a mutation can forget exactly one device's pages.
  const loaded = new Map<string, Key[]>();
  return {
    source(list: K, maxPageSize: number): PagedSource<T> {
      return {
        maxPageSize,
        loadPage: (index, pageSize) => {
          const key = { list, index, pageSize };
          const keys = loaded.get(keyOf(list)) ?? [];
          keys.push(key);
          loaded.set(keyOf(list), keys);
          return loader.load(key);
        },
      };
    },
    clear(list: K): void {
      for (const key of loaded.get(keyOf(list)) ?? []) loader.clear(key);
      loaded.delete(keyOf(list));
    },
  };
}

function indexItems<T>(pages: Page<T>[]): Map<number, T> {
  const byOffset = new Map<number, T>();
  for (const page of pages) page.items.forEach((item, i) => byOffset.set(page.offset + i, item));
  return byOffset;
}

async function loadPlan<T>(source: PagedSource<T>, start: number, end: number): Promise<Page<T>[]> {
  const plan = planPages(start, end, source.maxPageSize);
  return Promise.all(plan.pages.map((index) => source.loadPage(index, plan.pageSize)));
}

/** One Relay window, reading only the vendor pages it needs, concurrently. */
export async function loadWindow<T>(
  source: PagedSource<T>,
  req: WindowRequest,
): Promise<WindowSlice<T>> {
  const range = rangeWithoutTotal(req);
  // Without a known range (`last` without `before`) the first page tells the total.
  let pages = range
    ? await loadPlan(source, range.start, range.end)
    : [await source.loadPage(0, source.maxPageSize)];
  const total = pages[0]!.total;
  const window = resolveWindow(req, total);
  let byOffset = indexItems(pages);
  const covered = (o: number) => o >= total || byOffset.has(o);
  if (!covered(window.start) || !covered(window.end - 1)) {
    // The window moved once the total was known (`last`, or `before` past the end).
    pages = await loadPlan(source, window.start, window.end);
    byOffset = indexItems(pages);
  }
  return { window, total, itemAt: (o) => byOffset.get(o) };
}

/** The whole list: the first page at the maximum size, then the rest concurrently. */
export async function loadAll<T>(source: PagedSource<T>): Promise<T[]> {
  const first = await source.loadPage(0, source.maxPageSize);
  const pageCount = Math.ceil(first.total / source.maxPageSize);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) =>
      source.loadPage(i + 1, source.maxPageSize),
    ),
  );
  return [first, ...rest].flatMap((p) => p.items);
}

/** A window over a list held in memory (used when filtering locally). */
export function windowOfArray<T>(items: T[], req: WindowRequest): WindowSlice<T> {
  return { window: resolveWindow(req, items.length), total: items.length, itemAt: (o) => items[o] };
}
