import { z } from 'zod';
import { generatedOrdersSchema } from './generated-orders.js';

// The dataset document (src/emulator/README.md). Field names are the vendors' wire names, so a record pasted from a
// real response validates; unknown extra fields are kept (looseObject) and echoed back.

const nonEmpty = z.string().min(1);
const int = z.number().int();
const utc = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'expected yyyy-MM-ddTHH:mm:ssZ');
// The order-query document's own example drops a digit ("2020-08-25 10:00:0"): accept what the vendor sends.
const local = z
  .string()
  .regex(/^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}$/, 'expected yyyy-MM-dd HH:mm:ss');
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string such as "9.9"');

export const userSchema = z.looseObject({
  identityId: nonEmpty,
  iotToken: nonEmpty,
  userName: z.string(),
});

/** A binding's `status` (docs/vendors.md#user-s-bound-devices): 0 inactive, 1 online, 3 offline, 8 disabled. */
const deviceStatus = z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(8)]);

export const deviceSchema = z.looseObject({
  iotId: nonEmpty,
  adminIdentityId: nonEmpty.nullable(),
  boundIdentityIds: z.array(nonEmpty),
  // What listBindingByAccount says of the device; absent fields answer as the emulator's defaults
  // (src/emulator/README.md, "Guesses").
  productKey: nonEmpty.optional(),
  productName: z.string().optional(),
  deviceName: nonEmpty.optional(),
  nickName: z.string().nullable().optional(),
  status: deviceStatus.optional(),
  nodeType: z.enum(['DEVICE', 'GATEWAY']).optional(),
  netType: z.string().optional(),
  productImage: z.string().nullable().optional(),
  categoryImage: z.string().nullable().optional(),
  gmtModified: int.min(0).optional(),
  /** The emulator's own: specifications commodity/check answers `available: false` for on this device. */
  unavailableSpecifications: z.array(nonEmpty).optional(),
});

/** Recording settings stored by bind (docs/vendors.md#endpoints); an emulator extension, never sent on the order wire shape. */
export const recordSettingsSchema = z.object({
  enableDefaultPlan: z.boolean().nullable(),
  preRecordDuration: int.min(0).max(5).nullable(),
  recordDuration: int.min(0).max(30).nullable(),
  eventRecordProlong: z.boolean().nullable(),
  maxRecordFileDuration: int.min(600).max(3600).nullable(),
});

export const cloudStorageOrderSchema = z.looseObject({
  iotId: nonEmpty.nullable(), // null: bought but not yet bound to a device
  identityId: nonEmpty.nullable(),
  commodityCode: nonEmpty,
  specification: nonEmpty,
  copies: int.min(1),
  price: decimal,
  userName: z.string().nullable(),
  userId: z.string().nullable(),
  orderId: nonEmpty,
  outOrderNo: nonEmpty,
  status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  paymentStatus: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  recordType: z.union([z.literal(1), z.literal(2)]),
  orderType: z.union([z.literal(0), z.literal(1)]),
  startTime: local,
  endTime: local,
  startTimeUTC: utc,
  endTimeUTC: utc,
  preConsume: int.min(0).optional(), // absent from the order-query document's example
  recordSettings: recordSettingsSchema.optional(),
});

export const streamingOrderSchema = z.looseObject({
  iotId: nonEmpty,
  identityId: nonEmpty.nullable(),
  orderId: nonEmpty,
  outOrderNo: nonEmpty,
  commodityName: z.string(),
  commodityCode: nonEmpty,
  copies: int.min(1),
  months: int.min(1),
  startTime: local,
  endTime: local,
  startTimeUTC: utc,
  endTimeUTC: utc,
  status: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  paymentStatus: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  price: decimal,
  userName: z.string().nullable(),
  userId: z.string().nullable(),
});

export const streamingCommoditySchema = z.looseObject({
  commodityCode: nonEmpty,
  commodityName: z.string(),
  months: int.min(1),
  quota: int.min(0),
  price: decimal,
});

/** A cloud-storage plan on sale (commodity/query 1.0.4): `lifecycle` is the days of video kept. */
export const cloudStorageCommoditySchema = z.looseObject({
  commodityCode: nonEmpty,
  commodityName: z.string(),
  specification: nonEmpty,
  recordType: z.union([z.literal(1), z.literal(2)]),
  price: decimal,
  lifecycle: int.min(1),
  months: int.min(1),
});

/**
 * A device's free plan (freecloudstorage/get 1.0.1). Times are absent until the plan is claimed;
 * a device with no record has no free plan to offer.
 */
export const freeCloudStorageSchema = z.looseObject({
  iotId: nonEmpty,
  type: z.union([z.literal(1), z.literal(2)]),
  lifecycle: int.min(1),
  months: int.min(1),
  consumed: z.boolean(),
  remainQuota: int.min(0),
  expired: z.boolean(),
  startTime: local.nullable().optional(),
  endTime: local.nullable().optional(),
  startTimeUTC: utc.nullable().optional(),
  endTimeUTC: utc.nullable().optional(),
});

const amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected an amount string such as "140.00"');

export const subOrderSchema = z.looseObject({
  SubOrderId: nonEmpty,
  OrderSubType: z.string(),
  UsageStartTime: z.string(),
  UsageEndTime: z.string(),
  Quantity: z.string(),
  Region: z.string(),
  InstanceIDs: z.string(),
  Operator: z.string(),
  Config: z.string(),
});

// The QueryOrders document: every field is a string; PaymentStatus may be null for refunds. PaymentTime is omitted while
// unpaid and RelatedOrderId when there is no related order (a guess: see README).
export const billingOrderSchema = z.looseObject({
  OrderId: nonEmpty,
  RelatedOrderId: z.string().optional(),
  CreateTime: utc,
  PaymentTime: utc.optional(),
  ProductCode: z.string(),
  ProductType: z.string(),
  CommodityCode: z.string(),
  SubscriptionType: z.enum(['Subscription', 'PayAsYouGo']),
  OrderType: z.enum(['New', 'Renew', 'Upgrade', 'Refund']),
  PaymentStatus: z.enum(['Unpaid', 'Paid', 'Cancelled']).nullable(),
  Currency: z.string(),
  PaymentCurrency: z.string(),
  PretaxGrossAmount: amount,
  PretaxAmount: amount,
  Tax: amount,
  AfterTaxAmount: amount,
  PretaxAmountLocal: amount,
  SubOrders: z.array(subOrderSchema).optional(),
});

export const datasetSettingsSchema = z.object({
  /** Bind answers `data: null` like the bind document's example; true makes it answer the bound order instead. */
  bindReturnsOrder: z.boolean().optional(),
});

export const datasetSchema = z.object({
  users: z.array(userSchema),
  devices: z.array(deviceSchema),
  cloudStorageOrders: z.array(cloudStorageOrderSchema),
  streamingOrders: z.array(streamingOrderSchema),
  streamingCommodities: z.array(streamingCommoditySchema),
  cloudStorageCommodities: z.array(cloudStorageCommoditySchema).default([]),
  freeCloudStorage: z.array(freeCloudStorageSchema).default([]),
  billingOrders: z.array(billingOrderSchema),
  /** A BSS account of any size generated on the fly beside `billingOrders` (generated-orders.ts). */
  generatedBillingOrders: generatedOrdersSchema.optional(),
  settings: datasetSettingsSchema.optional(),
});

export type User = z.infer<typeof userSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type RecordSettings = z.infer<typeof recordSettingsSchema>;
export type CloudStorageOrder = z.infer<typeof cloudStorageOrderSchema>;
export type StreamingOrder = z.infer<typeof streamingOrderSchema>;
export type StreamingCommodity = z.infer<typeof streamingCommoditySchema>;
export type CloudStorageCommodity = z.infer<typeof cloudStorageCommoditySchema>;
export type FreeCloudStorage = z.infer<typeof freeCloudStorageSchema>;
export type SubOrder = z.infer<typeof subOrderSchema>;
export type BillingOrder = z.infer<typeof billingOrderSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
/** A dataset document as written: the collections that default to empty may be left out. */
export type DatasetInput = z.input<typeof datasetSchema>;
