/**
 * Finding the order a write made when the vendor takes no client token (create, buy): the device's
 * order ids are recorded before the write; after an unknown outcome, the first order not among
 * them that matches the request is the one the attempt made, and none means it made nothing.
 */
export function newOrderOn<O extends { orderId: string }>(
  forgetDevice: () => Promise<void>,
  orders: () => Promise<O[]>,
  matches: (order: O) => boolean,
) {
  const fresh = async () => {
    await forgetDevice();
    return orders();
  };
  return {
    /** `IdempotentWrite.prepare`: the ids that existed. */
    prepare: async (): Promise<string[]> => (await fresh()).map((o) => o.orderId),
    /** The new order, given what `prepare` recorded. */
    find: async (before: unknown): Promise<O | null> => {
      const known = new Set(Array.isArray(before) ? (before as string[]) : []);
      return (await fresh()).find((o) => !known.has(o.orderId) && matches(o)) ?? null;
    },
  };
}
