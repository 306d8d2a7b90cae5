/** Orders replayed from the idempotency store come back as JSON: their dates are revived. */
const DATE_FIELDS = ['startTime', 'endTime'] as const;

export function reviveOrder<T>(json: unknown): T {
  if (json === null || typeof json !== 'object') return json as T;
  const order = { ...(json as Record<string, unknown>) };
  for (const field of DATE_FIELDS) {
    const v = order[field];
    if (typeof v === 'string') order[field] = new Date(v);
  }
  return order as T;
}
