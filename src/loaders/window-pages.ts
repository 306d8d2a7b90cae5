/**
 * Paging maths: a Relay window (offsets) → the fewest vendor pages that cover it. Pure: no I/O.
 * Cursors and connections are the schema's (src/schema/pagination.ts).
 */

/** Parsed arguments: offsets instead of cursors. `afterOffset`/`beforeOffset` are exclusive. */
export interface WindowRequest {
  first: number | null;
  last: number | null;
  afterOffset: number | null;
  beforeOffset: number | null;
}

/** The resolved window `[start, end)` over a list of `total` items. */
export interface Window {
  start: number;
  end: number;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
}

/**
 * The range known before the total is: null when it depends on the total
 * (`last` without `before`, or no `first` and no `before`).
 */
export function rangeWithoutTotal(req: WindowRequest): { start: number; end: number } | null {
  let start = req.afterOffset === null ? 0 : req.afterOffset + 1;
  let end: number;
  if (req.beforeOffset !== null) {
    end = req.beforeOffset;
    if (req.first !== null) end = Math.min(end, start + req.first);
  } else if (req.first !== null) {
    end = start + req.first;
  } else {
    return null;
  }
  end = Math.max(start, end);
  if (req.last !== null) start = Math.max(start, end - req.last);
  return { start, end };
}

/** The Relay algorithm (spec §4.3) on offsets, with exact pageInfo since the total is known. */
export function resolveWindow(req: WindowRequest, total: number): Window {
  let start = req.afterOffset === null ? 0 : Math.min(req.afterOffset + 1, total);
  let end = req.beforeOffset === null ? total : Math.min(req.beforeOffset, total);
  end = Math.max(start, end);
  if (req.first !== null) end = Math.min(end, start + req.first);
  if (req.last !== null) start = Math.max(start, end - req.last);
  return { start, end, hasPreviousPage: start > 0, hasNextPage: end < total };
}

export interface PagePlan {
  pageSize: number;
  /** Zero-based page indexes (vendor base applied by the caller). */
  pages: number[];
}

/**
 * The fewest vendor pages covering `[start, end)` with a page size up to `maxPageSize`.
 * Ties go to the largest size, so windows share pages with the aggregates (which read
 * page 0 at the maximum size). An empty range still reads one page, for the total.
 */
export function planPages(start: number, end: number, maxPageSize: number): PagePlan {
  if (end <= start) return { pageSize: maxPageSize, pages: [Math.floor(start / maxPageSize)] };
  let best: PagePlan | null = null;
  for (let size = maxPageSize; size >= 1; size--) {
    const firstPage = Math.floor(start / size);
    const lastPage = Math.floor((end - 1) / size);
    const count = lastPage - firstPage + 1;
    if (best === null || count < best.pages.length) {
      best = { pageSize: size, pages: Array.from({ length: count }, (_, i) => firstPage + i) };
    }
    if (count === Math.ceil((end - start) / maxPageSize)) break; // cannot do better
  }
  return best!;
}

/** A resolved window and the items it covers, by absolute offset: what a connection is built from. */
export interface WindowSlice<T> {
  window: Window;
  total: number;
  itemAt(offset: number): T | undefined;
}
