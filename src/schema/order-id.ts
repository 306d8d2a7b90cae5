import { badInput } from '../server/client-errors.js';

/** An order's local ID carries what its detail call needs: the device and the order. */
export interface OrderRef {
  iotId: string;
  orderId: string;
}

export const orderLocalId = (o: OrderRef): string => JSON.stringify([o.iotId, o.orderId]);

export function parseOrderLocalId(id: string, typename: string): OrderRef {
  try {
    const value: unknown = JSON.parse(id);
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { iotId: value[0] as string, orderId: value[1] as string };
    }
  } catch {
    // fall through to the typed error
  }
  throw badInput('id', `is not a ${typename} ID`);
}
