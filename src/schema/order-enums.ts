/** The vendors' integer codes as GraphQL enums (Living IoT field descriptions, docs/vendors.md#endpoints). */
import { builder } from './builder.js';

export const CloudStorageStatus = builder.enumType('CloudStorageStatus', {
  description: 'State of a cloud-storage order (Living IoT `status`).',
  values: {
    ACTIVE: { description: 'Valid and in service (0).' },
    EXPIRED: { description: 'Past its end, no longer valid (1).' },
    FROZEN: { description: 'Frozen: service suspended (2).' },
    CREATING: { description: 'Being created: not paid or not yet opened (3).' },
  } as const,
});

export const StreamingStatus = builder.enumType('StreamingStatus', {
  description: 'State of a streaming order (Living IoT `status`).',
  values: {
    ACTIVE: { description: 'Valid (0).' },
    EXPIRED: { description: 'Expired (1).' },
    FROZEN: { description: 'Frozen: service suspended (2).' },
  } as const,
});

export const PaymentStatus = builder.enumType('PaymentStatus', {
  description: 'Payment state of an order (Living IoT `paymentStatus`).',
  values: {
    UNPAID: { description: 'Not paid (0).' },
    PAID: { description: 'Paid (1).' },
    PAYING: { description: 'Payment in progress (2).' },
  } as const,
});

export const RecordType = builder.enumType('RecordType', {
  description: 'How the camera records to the cloud (Living IoT `recordType`).',
  values: {
    CONTINUOUS: { description: 'Records around the clock (1).' },
    EVENT: { description: 'Records when an event fires (2).' },
  } as const,
});

export const OrderType = builder.enumType('OrderType', {
  description: 'Whether an order was charged (Living IoT `orderType`).',
  values: {
    PAID: { description: 'A paid order (0).' },
    FREE: { description: 'A free order (1).' },
  } as const,
});
