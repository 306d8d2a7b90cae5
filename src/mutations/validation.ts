/** Input rules of the vendor documents (docs/vendors.md#endpoints), checked before any vendor call; each failure names field and rule. */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from './results.js';

const id = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');
const text = z.string().max(128, 'must be at most 128 characters').nullish();
const intRange = (min: number, max: number, unit = '') =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be from ${min} to ${max}${unit}`)
    .max(max, `must be from ${min} to ${max}${unit}`)
    .nullish();
const idempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .nullish();

const copies = z
  .number({ error: 'is required' })
  .int('must be a whole number')
  .min(1, 'must be from 1 to 60')
  .max(60, 'must be from 1 to 60');

/** the create document: copies 1–60 required; userName, userId, immediateUse optional. */
export const purchaseInput = z.object({
  iotId: id,
  commodityCode: id,
  copies,
  userName: text,
  userId: text,
  immediateUse: z.boolean().nullish(),
  idempotencyKey,
});

/** Recording settings of the bind and buy documents: durations 0–5 s, 0–30 s and 600–3600 s. */
const recordSettings = {
  enableDefaultPlan: z.boolean().nullish(),
  preRecordDuration: intRange(0, 5, ' seconds'),
  recordDuration: intRange(0, 30, ' seconds'),
  eventRecordProlong: z.boolean().nullish(),
  maxRecordFileDuration: intRange(600, 3600, ' seconds'),
};

/** the bind document. */
export const bindInput = z.object({
  iotId: id,
  orderId: id,
  userName: text,
  userId: text,
  ...recordSettings,
  idempotencyKey,
});

/** the buy document: userName, commodityCode, specification and copies required (copies 1–60 as create, a guess). */
export const buyCloudStorageInput = z.object({
  iotId: id,
  commodityCode: id,
  specification: id,
  copies,
  userName: id,
  userId: text,
  immediateUse: z.boolean().nullish(),
  ...recordSettings,
  idempotencyKey,
});

/** Every problem of the input (zod reports them all), and its parsed value when there is none. */
export function check<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.output<S>; issues: [] } | { data: null; issues: ValidationIssue[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, issues: [] };
  return {
    data: null,
    issues: parsed.error.issues.map((issue) => ({
      field: ['input', ...issue.path.map(String)].join('.'),
      rule: issue.message,
    })),
  };
}

/**
 * `check`, plus a rule only a catalogue can decide (the plan is on sale), asked once the fields it
 * needs are well-formed, whatever else is wrong, so one answer lists every problem.
 */
export async function checkOnSale<S extends z.ZodObject>(
  schema: S,
  raw: unknown,
  fields: readonly (keyof S['shape'] & string)[],
  onSale: (plan: Record<string, unknown>) => Promise<ValidationIssue | null>,
): Promise<z.output<S>> {
  const checked = check(schema, raw);
  const issues = [...checked.issues];
  const plan = check(
    schema.pick(Object.fromEntries(fields.map((f) => [f, true])) as never),
    Object.fromEntries(fields.map((f) => [f, (raw as Record<string, unknown> | null)?.[f]])),
  );
  if (plan.data !== null) {
    const issue = await onSale(plan.data as Record<string, unknown>);
    if (issue) issues.push(issue);
  }
  if (checked.data === null || issues.length > 0) throw new ValidationError(issues);
  return checked.data;
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const checked = check(schema, input);
  if (checked.data === null) throw new ValidationError(checked.issues);
  return checked.data;
}

/** An action on one order (the pay and enable documents): iotId and orderId required. */
export const orderActionInput = z.object({ iotId: id, orderId: id, idempotencyKey });

/** the consume document: quota 1–3; immediateUse and the event settings optional. */
export const claimFreeInput = z.object({
  iotId: id,
  quota: intRange(1, 3),
  immediateUse: z.boolean().nullish(),
  enableDefaultPlan: recordSettings.enableDefaultPlan,
  preRecordDuration: recordSettings.preRecordDuration,
  recordDuration: recordSettings.recordDuration,
  idempotencyKey,
});

/** the transfer document: both devices and the order required, the destination another device. */
export const transferInput = z
  .object({
    fromIotId: id,
    orderId: id,
    toIotId: id,
    immediateUse: z.boolean().nullish(),
    userName: text,
    userId: text,
    enableDefaultPlan: recordSettings.enableDefaultPlan,
    preRecordDuration: recordSettings.preRecordDuration,
    recordDuration: recordSettings.recordDuration,
    eventRecordProlong: recordSettings.eventRecordProlong,
    idempotencyKey,
  })
  .refine((v) => v.fromIotId !== v.toIotId, {
    message: 'must be another device than fromIotId',
    path: ['toIotId'],
  });
