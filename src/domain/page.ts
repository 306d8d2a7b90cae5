/** One vendor page, normalised: `offset` is the index of `items[0]` in the full list. */
export interface Page<T> {
  offset: number;
  pageSize: number;
  total: number;
  items: T[];
}
