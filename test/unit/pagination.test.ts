import { describe, expect, it } from 'vitest';
import {
  planPages,
  rangeWithoutTotal,
  resolveWindow,
  type WindowRequest,
} from '../../src/loaders/window-pages.js';
import {
  buildConnection,
  decodeCursor,
  encodeCursor,
  MAX_WINDOW,
  parseConnectionArgs,
} from '../../src/schema/pagination.js';

const scope = 'CloudStorageOrder:dev-1:[]';

/** The Relay spec's algorithm written out on an array, as the reference. */
function reference(total: number, req: WindowRequest) {
  const all = Array.from({ length: total }, (_, i) => i);
  let edges = all;
  if (req.afterOffset !== null) edges = edges.filter((i) => i > req.afterOffset!);
  if (req.beforeOffset !== null) edges = edges.filter((i) => i < req.beforeOffset!);
  const between = edges;
  if (req.first !== null) edges = edges.slice(0, req.first);
  const firsts = edges;
  if (req.last !== null) edges = edges.slice(Math.max(0, edges.length - req.last));
  return { edges, at: edges[0] ?? emptyAt(total, req, between, firsts) };
}

/**
 * Where an empty window sits, for its pageInfo (items before it, items after it): right after the
 * `after` cursor when no item lies between the cursors; at the first item between them when
 * `first: 0` took none; after the last one `first` took when `last: 0` dropped them all.
 */
function emptyAt(total: number, req: WindowRequest, between: number[], firsts: number[]) {
  if (between.length === 0)
    return req.afterOffset === null ? 0 : Math.min(req.afterOffset + 1, total);
  if (firsts.length === 0) return between[0]!;
  return firsts.at(-1)! + 1;
}

describe('cursors', () => {
  it('round-trip and stay opaque', () => {
    const c = encodeCursor(scope, 42);
    expect(c).not.toContain('42');
    expect(decodeCursor(scope, c, 'after')).toBe(42);
  });

  it('refuse a cursor from another connection, naming the argument', () => {
    const foreign = encodeCursor('CloudStorageOrder:dev-2:[]', 3);
    expect(() => decodeCursor(scope, foreign, 'after')).toThrow(
      'after: is a cursor from another connection',
    );
  });

  it('refuse garbage', () => {
    expect(() => decodeCursor(scope, 'not-a-cursor', 'before')).toThrow(
      'before: is not a valid cursor',
    );
    expect(() => decodeCursor(scope, '', 'before')).toThrow('before: is not a valid cursor');
  });
});

describe('parseConnectionArgs', () => {
  it('caps first and last at the maximum and refuses negatives', () => {
    expect(() => parseConnectionArgs(scope, { first: MAX_WINDOW + 1 })).toThrow(
      `first: must be at most ${MAX_WINDOW}`,
    );
    expect(() => parseConnectionArgs(scope, { last: -1 })).toThrow('last: must not be negative');
    expect(parseConnectionArgs(scope, { first: MAX_WINDOW }).first).toBe(MAX_WINDOW);
  });

  it('defaults to a forward window of 20', () => {
    expect(parseConnectionArgs(scope, {})).toEqual({
      first: 20,
      last: null,
      afterOffset: null,
      beforeOffset: null,
    });
  });
});

describe('resolveWindow', () => {
  it('matches the Relay algorithm for every window over small lists', () => {
    const sizes = [null, 0, 1, 3, 7];
    const offsets = [null, 0, 1, 5, 9, 12];
    for (const total of [0, 1, 6, 10]) {
      for (const first of sizes)
        for (const last of sizes)
          for (const afterOffset of offsets)
            for (const beforeOffset of offsets) {
              if (first === null && last === null) continue;
              const req = { first, last, afterOffset, beforeOffset };
              const w = resolveWindow(req, total);
              const { edges: expected, at } = reference(total, req);
              const got = Array.from({ length: w.end - w.start }, (_, i) => w.start + i);
              const name = JSON.stringify({ total, ...req });
              expect(got, name).toEqual(expected);
              expect(w.hasPreviousPage, name).toBe(at > 0);
              expect(w.hasNextPage, name).toBe(at + expected.length < total);
            }
    }
  });

  it('covers the window it will serve with the range it plans before the total is known', () => {
    for (const total of [0, 5, 137])
      for (const first of [null, 0, 10, 50])
        for (const last of [null, 0, 10])
          for (const afterOffset of [null, 0, 49, 136, 200])
            for (const beforeOffset of [null, 0, 50, 137]) {
              if (first === null && last === null) continue;
              const req = { first, last, afterOffset, beforeOffset };
              const range = rangeWithoutTotal(req);
              if (!range) {
                expect(beforeOffset).toBeNull();
                continue;
              }
              const w = resolveWindow(req, total);
              // A `last` window whose end lies past the total moves: the loader reads again then.
              const moved = last !== null && range.end > total;
              if (w.end > w.start && !moved) {
                expect(range.start, JSON.stringify({ total, ...req })).toBeLessThanOrEqual(w.start);
                expect(range.end).toBeGreaterThanOrEqual(w.end);
              }
            }
  });
});

describe('planPages', () => {
  /** Brute force: the fewest pages of any size up to max that cover the range. */
  function fewest(start: number, end: number, max: number): number {
    let best = Infinity;
    for (let s = 1; s <= max; s++)
      best = Math.min(best, Math.floor((end - 1) / s) - Math.floor(start / s) + 1);
    return best;
  }

  it('uses the fewest vendor pages for every range up to 100 items in a 150-item list', () => {
    for (let start = 0; start < 150; start += 3)
      for (let len = 1; len <= 100; len += 7) {
        const plan = planPages(start, start + len, 50);
        expect(plan.pages.length, `${start}+${len}`).toBe(fewest(start, start + len, 50));
        // The pages cover the range.
        expect(plan.pages[0]! * plan.pageSize).toBeLessThanOrEqual(start);
        expect((plan.pages.at(-1)! + 1) * plan.pageSize).toBeGreaterThanOrEqual(start + len);
      }
  });

  it('prefers the maximum page size, so windows share page 0 with the aggregates', () => {
    expect(planPages(0, 10, 50)).toEqual({ pageSize: 50, pages: [0] });
    expect(planPages(45, 55, 50)).toEqual({ pageSize: 45, pages: [1] });
  });

  it('reads one page for an empty window, for the total', () => {
    expect(planPages(60, 60, 50)).toEqual({ pageSize: 50, pages: [1] });
  });
});

describe('buildConnection', () => {
  it('gives cursors that continue the list', () => {
    const req = parseConnectionArgs(scope, { first: 2 });
    const first = buildConnection(scope, {
      window: resolveWindow(req, 5),
      total: 5,
      itemAt: (o) => `item-${o}`,
    });
    expect(first.edges.map((e) => e.node)).toEqual(['item-0', 'item-1']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = parseConnectionArgs(scope, { first: 2, after: first.pageInfo.endCursor });
    const second = buildConnection(scope, {
      window: resolveWindow(next, 5),
      total: 5,
      itemAt: (o) => `item-${o}`,
    });
    expect(second.edges.map((e) => e.node)).toEqual(['item-2', 'item-3']);
    expect(second.totalCount).toBe(5);
  });
});
