/**
 * Domain values back from JSON (a cached vendor read, a replayed idempotent write). JSON has no
 * dates, so each domain type's codec names the fields that hold one; its type demands every field
 * whose type holds a Date, so a Date field added to a domain type cannot go undecoded.
 */

export interface JsonCodec<T> {
  /** `json` is freshly parsed and owned by the caller: it is decoded in place. */
  decode(json: unknown): T;
}

/** Whether a value of type V may hold a Date (itself, in a list, or in a field). */
type HoldsDate<V> = V extends Date
  ? true
  : V extends readonly (infer E)[]
    ? HoldsDate<E>
    : V extends object
      ? HoldsDate<V[keyof V]>
      : false;
type DateKeys<T> = { [K in keyof T]-?: true extends HoldsDate<T[K]> ? K : never }[keyof T];

/** A decoder for each field that holds a date (required), and for any other (optional). */
export type FieldDecoders<T> = { [K in DateKeys<T>]-?: (json: unknown) => T[K] } & {
  [K in Exclude<keyof T, DateKeys<T>>]?: (json: unknown) => T[K];
};

/** An object whose listed fields are decoded; the rest are JSON already. */
export function objectCodec<T extends object>(fields: FieldDecoders<T>): JsonCodec<T> {
  const entries = Object.entries(fields) as [string, (json: unknown) => unknown][];
  return {
    decode(json) {
      const o = json as Record<string, unknown>;
      for (const [name, decode] of entries) o[name] = decode(o[name]);
      return o as T;
    },
  };
}

export function nullable<T>(codec: JsonCodec<T>): JsonCodec<T | null> {
  return { decode: (json) => (json === null ? null : codec.decode(json)) };
}

export function listOf<T>(codec: JsonCodec<T>): (json: unknown) => T[] {
  return (json) => (json as unknown[]).map((item) => codec.decode(item));
}

/**
 * A revived date that remembers the ISO string it came from: cached entries are served to many
 * requests, and `toISOString()` on each of their dates (DateTime serialisation) was ~4% of the
 * warm dashboard's CPU (BENCHMARKS.md). The string is what `toISOString()` returned when the value
 * was stored (JSON.stringify of a Date), so the answer is the same; dates in domain objects are
 * never mutated.
 */
class StoredDate extends Date {
  readonly #iso: string;
  constructor(iso: string) {
    super(iso);
    this.#iso = iso;
  }
  override toISOString(): string {
    return this.#iso;
  }
}

/** A Date field: its ISO string (what JSON.stringify wrote) back to a Date; null stays null. */
export function date(json: unknown): Date | null {
  if (typeof json !== 'string') return json as null;
  const d = new StoredDate(json);
  // Only a string that round-trips (what JSON.stringify wrote) may stand for toISOString().
  return Number.isNaN(d.getTime()) || Date.prototype.toISOString.call(d) !== json
    ? new Date(json)
    : d;
}
