/**
 * Validating vendor bodies: zod checks the wire shape, a mapper turns it into domain types once.
 * Anything wrong-shaped becomes VENDOR_BAD_RESPONSE (kind transport), never a crash or undefined.
 */
import { z } from 'zod';
import { VENDOR_BAD_RESPONSE, VendorError, type Vendor } from './vendor-error.js';

/** Thrown by mappers for a value zod let through but the domain cannot hold (unknown enum, date). */
export class BadWireValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadWireValue';
  }
}

export interface WireContext {
  vendor: Vendor;
  api: string;
  requestId?: string | null;
  httpStatus?: number | null;
}

export function badResponse(ctx: WireContext, message: string, cause?: unknown): VendorError {
  return new VendorError({
    vendor: ctx.vendor,
    code: VENDOR_BAD_RESPONSE,
    message,
    kind: 'transport',
    api: ctx.api,
    requestId: ctx.requestId ?? null,
    httpStatus: ctx.httpStatus ?? null,
    cause,
  });
}

export function decodeWire<S extends z.ZodType, T>(
  schema: S,
  value: unknown,
  map: (wire: z.output<S>) => T,
  ctx: WireContext,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw badResponse(
      ctx,
      `unexpected response shape: ${describeIssues(parsed.error)}`,
      parsed.error,
    );
  }
  try {
    return map(parsed.data);
  } catch (err) {
    if (err instanceof BadWireValue) throw badResponse(ctx, err.message, err);
    throw err;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** An integer, also as a numeric string (the docs type some Int fields String and vice versa). */
export const wireInt = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform((s) => Number(s)),
]);

/** A decimal amount: vendors send strings; a bare JSON number is kept as its text. */
export const wireDecimal = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/),
  z
    .number()
    .refine(Number.isFinite)
    .transform((n) => String(n)),
]);

/** Optional text; null, absent and "" all mean "none". */
export const wireText = z
  .string()
  .nullish()
  .transform((s) => (s === undefined || s === null || s === '' ? null : s));

/** Looks an int up in a table; an int outside it is a bad response (brief: unknown enums). */
export function enumFromInt<T>(
  table: Readonly<Record<number, T>>,
  value: number,
  field: string,
): T {
  const mapped = Object.hasOwn(table, value) ? table[value] : undefined;
  if (mapped === undefined) throw new BadWireValue(`${field}: unknown value ${value}`);
  return mapped;
}
