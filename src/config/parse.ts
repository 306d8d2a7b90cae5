/**
 * The kit every configuration group declares its variables with: parsers for raw environment
 * values, and `group` to give a table of variables its documentation heading.
 */
import { z } from 'zod';

/** What a default may depend on: decided from NODE_ENV and the endpoints before anything else. */
export interface Mode {
  demo: boolean;
  production: boolean;
}

/**
 * A raw value (trimmed, non-empty) → its value, or the rule it broke ("must be an integer from 0
 * to 9"); a list names the item that broke it.
 */
export interface Parser<T> {
  /** The accepted values, for the documentation. */
  format: string;
  parse(
    raw: string,
  ): { ok: true; value: T } | { ok: false; rule: string; item?: { noun: string; value: string } };
}

/** Required outside demo mode (the vendor credentials). */
export const REQUIRED = Symbol('required');

export interface Variable<T> {
  group: string;
  description: string;
  parse: Parser<T>;
  /** The value when unset; a function when it depends on the mode (`doc` says how). */
  default: T | { doc: string; of(mode: Mode): T | typeof REQUIRED };
  /** Never echoed in a message. */
  secret?: true;
}

/** A group's variable before `group` names its heading. */
type Spec<T> = Omit<Variable<T>, 'group'>;

export const fromZod = <T>(format: string, rule: string, schema: z.ZodType<T>): Parser<T> => ({
  format,
  parse(raw) {
    const r = schema.safeParse(raw);
    return r.success ? { ok: true, value: r.data } : { ok: false, rule: `must be ${rule}` };
  },
});

export const int = (min: number, max: number) =>
  fromZod(
    `integer ${min}–${max}`,
    `an integer from ${min} to ${max}`,
    z.string().transform(Number).pipe(z.number().int().min(min).max(max)),
  );

export const text = (): Parser<string> => ({
  format: 'text',
  parse: (raw) => ({ ok: true, value: raw }),
});

// A trailing slash is dropped: paths are appended to the base.
export const httpUrl = () =>
  fromZod(
    'http(s) URL',
    'an http(s) URL',
    z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  );

// Exactly these four spellings, as documented.
export const bool = () =>
  fromZod(
    '`true`, `false`, `1`, `0`',
    'true or false',
    z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'sensitive' }),
  );

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  fromZod(values.map((v) => `\`${v}\``).join(', '), `one of ${values.join(', ')}`, z.enum(values));

/** Comma-separated `noun`s, each checked by `item`; `required`: at least one. */
export const list = (noun: string, item: Parser<string>, required = false): Parser<string[]> => ({
  format: `comma-separated ${noun}s (${item.format})`,
  parse(raw) {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (required && items.length === 0)
      return { ok: false, rule: `must list at least one ${noun}` };
    for (const one of items) {
      const r = item.parse(one);
      if (!r.ok) return { ok: false, rule: r.rule, item: { noun, value: one } };
    }
    return { ok: true, value: items };
  },
});

/** One variable: its value's type is the parser's, or the default's when that differs (null). */
export const v = <T, D = T>(
  spec: Omit<Spec<T | D>, 'parse' | 'default'> & {
    parse: Parser<T>;
    default: D | { doc: string; of(mode: Mode): D | typeof REQUIRED };
  },
): Spec<T | D> => spec as Spec<T | D>;

/** A group's variables under one documentation heading (docs/configuration.md's sections). */
export function group<const V extends Record<string, Spec<unknown>>>(
  heading: string,
  variables: V,
): { [K in keyof V]: V[K] & { group: string } } {
  const out: Record<string, Variable<unknown>> = {};
  for (const [name, spec] of Object.entries(variables)) out[name] = { group: heading, ...spec };
  return out as { [K in keyof V]: V[K] & { group: string } };
}

export function isDerived<T>(
  d: Variable<T>['default'],
): d is Extract<Variable<T>['default'], { of: unknown }> {
  return typeof d === 'object' && d !== null && 'of' in d;
}

/** The parsed values of a table of variables, by name. */
export type ValuesOf<V> = { [K in keyof V]: V[K] extends Spec<infer T> ? T : never };

/** The credentials' default: the demo value in demo mode, else required. */
export const demoValue = (value: string) => ({
  doc: 'demo mode: the demo value; else required',
  of: (mode: Mode) => (mode.demo ? value : REQUIRED),
});
