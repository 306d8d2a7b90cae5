/**
 * A list item that fails alone: its rejection handed back as the Error value itself, which
 * graphql completes as that item's error (null with its path). graphql-jit 0.8.9 drops a
 * trailing rejected item from a list of promises; a resolved Error it keeps.
 */
export function failingAlone<T>(item: Promise<T>): Promise<T> {
  return item.catch((err: unknown) => err as T);
}
