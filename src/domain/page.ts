import { listOf, type JsonCodec } from './json-codec.js';

/** One vendor page, normalised: `offset` is the index of `items[0]` in the full list. */
export interface Page<T> {
  offset: number;
  pageSize: number;
  total: number;
  items: T[];
}

export function pageOf<T>(item: JsonCodec<T>): JsonCodec<Page<T>> {
  const items = listOf(item);
  return {
    decode(json) {
      const page = json as Page<T>;
      page.items = items(page.items);
      return page;
    },
  };
}
