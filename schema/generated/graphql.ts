/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A paid cloud-storage order, queued to start later, to start now. */
export type ActivateCloudStorageOrderInput = {
  /** Makes retries safe: the same key and input within 24 hours return the first result without a second activation. */
  idempotencyKey?: string | null | undefined;
  /** The device the order is for. */
  iotId: string;
  /** The queued order. */
  orderId: string;
};

/** A paid streaming order, queued to start later, to start now. */
export type ActivateStreamingOrderInput = {
  /** Makes retries safe: the same key and input within 24 hours return the first result without a second activation. */
  idempotencyKey?: string | null | undefined;
  /** The device the order is for. */
  iotId: string;
  /** The queued order. */
  orderId: string;
};

/** Which billing orders to list. With neither `createdAfter` nor `createdBefore`, BSS lists the last hour. */
export type BillingOrderFilter = {
  /** Created at or after (`CreateTimeStart`). */
  createdAfter?: string | null | undefined;
  /** Created before (`CreateTimeEnd`). */
  createdBefore?: string | null | undefined;
  /** Order type. */
  orderType?: BillingOrderType | null | undefined;
  /** Payment state. */
  paymentStatus?: BillingPaymentStatus | null | undefined;
  /** Main product code (`ProductCode`). */
  productCode?: string | null | undefined;
  /** Main product type (`ProductType`). */
  productType?: string | null | undefined;
  /** Charging model. */
  subscriptionType?: SubscriptionType | null | undefined;
};

/** What a billing order did (BSS `OrderType`). */
export type BillingOrderType =
  /** A new purchase (`New`). */
  | 'NEW'
  /** A refund (`Refund`). */
  | 'REFUND'
  /** A renewal (`Renew`). */
  | 'RENEW'
  /** An upgrade (`Upgrade`). */
  | 'UPGRADE';

/** Payment state of a billing order (BSS `PaymentStatus`). */
export type BillingPaymentStatus =
  /** Cancelled (`Cancelled`). */
  | 'CANCELLED'
  /** Paid (`Paid`). */
  | 'PAID'
  /** Not paid (`Unpaid`). */
  | 'UNPAID';

/** A cloud-storage order to attach to a device's admin, with recording settings (docs/vendors.md#endpoints). */
export type BindCloudStorageOrderInput = {
  /** Set the default 7×24 and event recording schedules. */
  enableDefaultPlan?: boolean | null | undefined;
  /** True: events during a recording extend it until they stop. */
  eventRecordProlong?: boolean | null | undefined;
  /** Makes retries safe: the same key and input within 24 hours return the first result without binding again. */
  idempotencyKey?: string | null | undefined;
  /** The device. */
  iotId: string;
  /** Longest continuous-recording file, in seconds: 600 to 3600. */
  maxRecordFileDuration?: number | null | undefined;
  /** The cloud-storage order to bind. */
  orderId: string;
  /** Seconds recorded before an event: 0 to 5. */
  preRecordDuration?: number | null | undefined;
  /** Seconds recorded for an event: 0 to 30. */
  recordDuration?: number | null | undefined;
  /** Buyer ID, stored and echoed by the vendor. */
  userId?: string | null | undefined;
  /** Buyer name, stored and echoed by the vendor. */
  userName?: string | null | undefined;
};

/** A cloud-storage plan to buy for a device, with its recording settings. */
export type BuyCloudStoragePlanInput = {
  /** The plan: a `commodityCode` from `cloudStoragePlans`. */
  commodityCode: string;
  /** How many periods to buy: 1 to 60. */
  copies: number;
  /** Set the default 7×24 and event recording schedules. */
  enableDefaultPlan?: boolean | null | undefined;
  /** True: events during a recording extend it until they stop. */
  eventRecordProlong?: boolean | null | undefined;
  /** Makes retries safe: the same key and input within 24 hours return the first result without a second order. */
  idempotencyKey?: string | null | undefined;
  /** True: starts now. False (default): queued after the device's last plan (activate it early with the vendor's enable). */
  immediateUse?: boolean | null | undefined;
  /** The device the plan is for. */
  iotId: string;
  /** Longest continuous-recording file, in seconds: 600 to 3600. */
  maxRecordFileDuration?: number | null | undefined;
  /** Seconds recorded before an event: 0 to 5. */
  preRecordDuration?: number | null | undefined;
  /** Seconds recorded for an event: 0 to 30. */
  recordDuration?: number | null | undefined;
  /** The plan's `specification` (with `commodityCode`, names one plan on sale). */
  specification: string;
  /** Buyer ID, stored and echoed by the vendor. */
  userId?: string | null | undefined;
  /** Buyer name (required by the vendor), stored and echoed. */
  userName: string;
};

/** A device's free cloud-storage plan to claim (once per device). */
export type ClaimFreeCloudStorageInput = {
  /** Set the default 7×24 and event recording schedules. */
  enableDefaultPlan?: boolean | null | undefined;
  /** Makes retries safe: the same key and input within 24 hours return the first result without claiming again. */
  idempotencyKey?: string | null | undefined;
  /** True: starts now. False (default): after the device's last plan. */
  immediateUse?: boolean | null | undefined;
  /** The device. */
  iotId: string;
  /** Seconds recorded before an event: 0 to 5. */
  preRecordDuration?: number | null | undefined;
  /** How much of the free quota to claim: 1 to 3 (default 1). */
  quota?: number | null | undefined;
  /** Seconds recorded for an event: 0 to 30. */
  recordDuration?: number | null | undefined;
};

/** Keep orders matching every given field (any of the listed values). The vendor has no filter, so a filter reads all of the device's orders. */
export type CloudStorageOrderFilter = {
  /** Paid, free, or both. */
  orderType?: Array<OrderType> | null | undefined;
  /** Any of these payment states. */
  paymentStatus?: Array<PaymentStatus> | null | undefined;
  /** Any of these recording types. */
  recordType?: Array<RecordType> | null | undefined;
  /** Any of these states. */
  status?: Array<CloudStorageStatus> | null | undefined;
};

/** State of a cloud-storage order (Living IoT `status`). */
export type CloudStorageStatus =
  /** Valid and in service (0). */
  | 'ACTIVE'
  /** Being created: not paid or not yet opened (3). */
  | 'CREATING'
  /** Past its end, no longer valid (1). */
  | 'EXPIRED'
  /** Frozen: service suspended (2). */
  | 'FROZEN';

/** The subscription document the ticket is to open: exactly one of the two. */
export type CreateSubscriptionTicketInput = {
  /** The document, exactly as the EventSource URL will send it as `query`. */
  document?: string | null | undefined;
  /** A trusted document id (`sha256:<hex>`, schema/operations), sent as `extensions.persistedQuery.sha256Hash`. */
  documentId?: string | null | undefined;
};

/** Keep devices matching every given field (any of the listed values). The vendor's binding list filters by neither, so a filter reads the user's whole list and filters it here; totalCount and pageInfo count the kept devices. */
export type DeviceFilter = {
  /** Any of these roles. */
  role?: Array<DeviceRole> | null | undefined;
  /** Any of these connection states. */
  status?: Array<DeviceStatus> | null | undefined;
};

/** The signed-in user's relation to a device (binding list `owned`). */
export type DeviceRole =
  /** The user administers the device (1): may buy and bind plans. */
  | 'OWNER'
  /** The device is shared with the user (0): may view, not buy. */
  | 'SHARED';

/** Connection state of a device (binding list `status`). */
export type DeviceStatus =
  /** Disabled on the platform (8). */
  | 'DISABLED'
  /** Never activated (0). */
  | 'INACTIVE'
  /** Activated but not connected (3). */
  | 'OFFLINE'
  /** Connected (1). */
  | 'ONLINE';

/** A cloud-storage order to freeze (support staff). */
export type FreezeCloudStorageOrderInput = {
  /** Makes retries safe: the same key and input within 24 hours return the first result. */
  idempotencyKey?: string | null | undefined;
  /** The device the order is on. */
  iotId: string;
  /** The order to freeze. */
  orderId: string;
};

/** Whether an order was charged (Living IoT `orderType`). */
export type OrderType =
  /** A free order (1). */
  | 'FREE'
  /** A paid order (0). */
  | 'PAID';

/** An unpaid streaming order to pay. */
export type PayStreamingOrderInput = {
  /** Makes retries safe: the same key and input within 24 hours return the first result without a second payment. */
  idempotencyKey?: string | null | undefined;
  /** The device the order is for. */
  iotId: string;
  /** The order: `order.orderId` of `purchaseStreamingPlan`. */
  orderId: string;
};

/** Payment state of an order (Living IoT `paymentStatus`). */
export type PaymentStatus =
  /** Paid (1). */
  | 'PAID'
  /** Payment in progress (2). */
  | 'PAYING'
  /** Not paid (0). */
  | 'UNPAID';

/** A streaming plan to buy for a device. */
export type PurchaseStreamingPlanInput = {
  /** The plan: a `commodityCode` from `streamingPlans`. */
  commodityCode: string;
  /** How many periods to buy: 1 to 60. */
  copies: number;
  /** Makes retries safe: the same key and input within 24 hours return the first result without a second order. */
  idempotencyKey?: string | null | undefined;
  /** True: starts now. False (default): starts when the current plan ends. */
  immediateUse?: boolean | null | undefined;
  /** The device the plan is for. */
  iotId: string;
  /** Buyer ID (Living IoT identity or your own), stored and echoed. */
  userId?: string | null | undefined;
  /** Buyer nickname, stored and echoed by the vendor. */
  userName?: string | null | undefined;
};

/** How the camera records to the cloud (Living IoT `recordType`). */
export type RecordType =
  /** Records around the clock (1). */
  | 'CONTINUOUS'
  /** Records when an event fires (2). */
  | 'EVENT';

/** State of a streaming order (Living IoT `status`). */
export type StreamingStatus =
  /** Valid (0). */
  | 'ACTIVE'
  /** Expired (1). */
  | 'EXPIRED'
  /** Frozen: service suspended (2). */
  | 'FROZEN';

/** How a billing order is charged (BSS `SubscriptionType`). */
export type SubscriptionType =
  /** Pay as you go (`PayAsYouGo`). */
  | 'PAY_AS_YOU_GO'
  /** Prepaid subscription (`Subscription`). */
  | 'SUBSCRIPTION';

/** A cloud-storage plan to move to another device (a replacement camera). */
export type TransferCloudStorageOrderInput = {
  /** Set the default 7×24 and event recording schedules. */
  enableDefaultPlan?: boolean | null | undefined;
  /** True: events during a recording extend it until they stop. */
  eventRecordProlong?: boolean | null | undefined;
  /** The device the plan is on now. */
  fromIotId: string;
  /** Makes retries safe: the same key and input within 24 hours return the first result without moving it twice. */
  idempotencyKey?: string | null | undefined;
  /** True: starts now there. False (default): after the destination's last plan. */
  immediateUse?: boolean | null | undefined;
  /** The plan: a cloud-storage order of it. */
  orderId: string;
  /** Seconds recorded before an event: 0 to 5. */
  preRecordDuration?: number | null | undefined;
  /** Seconds recorded for an event: 0 to 30. */
  recordDuration?: number | null | undefined;
  /** The device to move it to. */
  toIotId: string;
  /** Buyer ID, stored and echoed by the vendor. */
  userId?: string | null | undefined;
  /** Buyer name, stored and echoed by the vendor. */
  userName?: string | null | undefined;
};

export type ActivateCloudStorageOrderMutationVariables = Exact<{
  input: ActivateCloudStorageOrderInput;
}>;


export type ActivateCloudStorageOrderMutation = { activateCloudStorageOrder:
    | { __typename: 'ActivateCloudStorageOrderPayload', order: { id: string, orderId: string, iotId: string, commodityCode: string, specification: string | null, status: CloudStorageStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }, device: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null, requestId: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string, issues: Array<{ field: string, rule: string }> }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type ActivateStreamingOrderMutationVariables = Exact<{
  input: ActivateStreamingOrderInput;
}>;


export type ActivateStreamingOrderMutation = { activateStreamingOrder:
    | { __typename: 'ActivateStreamingOrderPayload', order: { id: string, orderId: string, iotId: string, commodityCode: string, status: StreamingStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }, device: { iotId: string, streaming: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null, requestId: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string, issues: Array<{ field: string, rule: string }> }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type AdminDashboardDeferredQueryVariables = Exact<{
  iotIds: Array<string> | string;
  orders?: number | null | undefined;
}>;


export type AdminDashboardDeferredQuery = { devices: Array<{ iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string, endTime: string | null } | null }, cloudStorageOrders: { totalCount: number, edges: Array<{ node: { orderId: string, status: CloudStorageStatus, outOrderNo: string | null } & ({ billingOrder: { orderId: string, paymentStatus: BillingPaymentStatus | null, createTime: string | null, pretaxAmount: { amount: string, currency: string } | null } | null } | { billingOrder?: never }) }> } } | null> };

export type OrderBillingFragment = { billingOrder: { orderId: string, paymentStatus: BillingPaymentStatus | null, createTime: string | null, pretaxAmount: { amount: string, currency: string } | null } | null };

export type AdminDashboardQueryVariables = Exact<{
  iotIds: Array<string> | string;
  orders?: number | null | undefined;
}>;


export type AdminDashboardQuery = { devices: Array<{ iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string, endTime: string | null } | null }, cloudStorageOrders: { totalCount: number, edges: Array<{ node: { orderId: string, status: CloudStorageStatus, outOrderNo: string | null, billingOrder: { orderId: string, paymentStatus: BillingPaymentStatus | null, createTime: string | null, pretaxAmount: { amount: string, currency: string } | null } | null } }> } } | null> };

export type BillingOrderListQueryVariables = Exact<{
  filter?: BillingOrderFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BillingOrderListQuery = { billingOrders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, orderId: string, productCode: string | null, productType: string | null, subscriptionType: SubscriptionType | null, orderType: BillingOrderType | null, paymentStatus: BillingPaymentStatus | null, createTime: string | null, paymentTime: string | null, pretaxAmount: { amount: string, currency: string } | null, afterTaxAmount: { amount: string, currency: string } | null } }> } };

export type BindCloudStorageOrderMutationVariables = Exact<{
  input: BindCloudStorageOrderInput;
}>;


export type BindCloudStorageOrderMutation = { bindCloudStorageOrder:
    | { __typename: 'BindCloudStorageOrderPayload', order: { id: string, orderId: string, iotId: string, status: CloudStorageStatus, recordType: RecordType | null, startTime: string | null, endTime: string | null }, device: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null } } }
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type BuyCloudStoragePlanMutationVariables = Exact<{
  input: BuyCloudStoragePlanInput;
}>;


export type BuyCloudStoragePlanMutation = { buyCloudStoragePlan:
    | { __typename: 'BuyCloudStoragePlanPayload', order: { id: string, orderId: string, outOrderNo: string | null, commodityCode: string, specification: string | null, copies: number, status: CloudStorageStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null, price: { amount: string, currency: string } }, device: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type ClaimFreeCloudStorageMutationVariables = Exact<{
  input: ClaimFreeCloudStorageInput;
}>;


export type ClaimFreeCloudStorageMutation = { claimFreeCloudStorage:
    | { __typename: 'ClaimFreeCloudStoragePayload', freeCloudStorage: { offered: boolean, available: boolean, claimed: boolean, expired: boolean, remainingQuota: number, months: number | null, recordType: RecordType | null, videoRetentionDays: number | null, startsAt: string | null, endsAt: string | null }, device: { iotId: string, freeCloudStorage: { claimed: boolean, remainingQuota: number }, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null, requestId: string | null }
    | { __typename: 'FreePlanUsedError', vendorCode: string | null, requestId: string | null, message: string }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string, issues: Array<{ field: string, rule: string }> }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type CloudStoragePlansQueryVariables = Exact<{
  iotId: string;
  recordType?: Array<RecordType> | RecordType | null | undefined;
  commodityCode: string;
  specification: string;
}>;


export type CloudStoragePlansQuery = { cloudStoragePlans: Array<{ commodityCode: string, specification: string, name: string, recordType: RecordType, videoRetentionDays: number, months: number, price: { amount: string, currency: string } }>, device: { id: string, name: string | null, role: DeviceRole | null, freeCloudStorage: { available: boolean, claimed: boolean, remainingQuota: number, videoRetentionDays: number | null, months: number | null, startsAt: string | null, endsAt: string | null, expired: boolean }, cloudStoragePlanAvailability: { available: boolean, reason: string | null } } | null };

export type CreateSubscriptionTicketMutationVariables = Exact<{
  input: CreateSubscriptionTicketInput;
}>;


export type CreateSubscriptionTicketMutation = { createSubscriptionTicket:
    | { __typename: 'SubscriptionTicket', ticket: string, expiresAt: string }
    | { __typename: 'ValidationError', field: string, rule: string }
   };

export type DeviceDashboardQueryVariables = Exact<{
  iotIds: Array<string> | string;
  orders?: number | null | undefined;
}>;


export type DeviceDashboardQuery = { devices: Array<{ id: string, iotId: string, cloudStorage: { serviceEndsAt: string | null, recordType: RecordType | null, secondsUsed: number | null, activePlan: { id: string, commodityCode: string, specification: string | null, endTime: string | null } | null, queuedPlans: Array<{ id: string, startTime: string | null, endTime: string | null }> }, cloudStorageOrders: { totalCount: number, edges: Array<{ node: { id: string, orderId: string, status: CloudStorageStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null, price: { amount: string, currency: string } } }> } } | null> };

export type FreezeCloudStorageOrderMutationVariables = Exact<{
  input: FreezeCloudStorageOrderInput;
}>;


export type FreezeCloudStorageOrderMutation = { freezeCloudStorageOrder:
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null, requestId: string | null }
    | { __typename: 'FreezeCloudStorageOrderPayload', order: { id: string, orderId: string, iotId: string, commodityCode: string, specification: string | null, status: CloudStorageStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }, device: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'ValidationError', message: string, field: string, rule: string, issues: Array<{ field: string, rule: string }> }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type MyDevicesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: DeviceFilter | null | undefined;
}>;


export type MyDevicesQuery = { viewer: { devices: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, iotId: string, name: string | null, productName: string | null, imageUrl: string | null, status: DeviceStatus | null, role: DeviceRole | null, cloudStorage: { serviceEndsAt: string | null, recordType: RecordType | null, activePlan: { id: string, specification: string | null, endTime: string | null } | null }, streaming: { serviceEndsAt: string | null, activePlan: { id: string, commodityName: string | null, endTime: string | null } | null }, freeCloudStorage: { available: boolean, claimed: boolean, remainingQuota: number, videoRetentionDays: number | null, months: number | null, endsAt: string | null, expired: boolean } } | null }> } } | null };

export type NodeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'BillingOrder', id: string }
    | { __typename: 'CloudStorageOrder', orderId: string, iotId: string, status: CloudStorageStatus, endTime: string | null, id: string }
    | { __typename: 'Device', iotId: string, id: string }
    | { __typename: 'StreamingOrder', orderId: string, iotId: string, endTime: string | null, id: string, streamingStatus: StreamingStatus }
   | null };

export type CloudStorageOrderListQueryVariables = Exact<{
  iotId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: CloudStorageOrderFilter | null | undefined;
}>;


export type CloudStorageOrderListQuery = { device: { iotId: string, cloudStorageOrders: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, orderId: string, outOrderNo: string | null, commodityCode: string, specification: string | null, copies: number, status: CloudStorageStatus, paymentStatus: PaymentStatus, recordType: RecordType | null, orderType: OrderType, startTime: string | null, endTime: string | null, secondsUsed: number | null, userName: string | null, userId: string | null, identityId: string | null, price: { amount: string, currency: string } } }> } } | null };

export type OrderUpdatedSubscriptionVariables = Exact<{
  iotId: string;
}>;


export type OrderUpdatedSubscription = { orderUpdated:
    | { __typename: 'CloudStorageOrder', orderId: string, iotId: string, commodityCode: string, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null, cloudStorageStatus: CloudStorageStatus }
    | { __typename: 'StreamingOrder', status: StreamingStatus, orderId: string, iotId: string, commodityCode: string, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }
   | null };

export type PayStreamingOrderMutationVariables = Exact<{
  input: PayStreamingOrderInput;
}>;


export type PayStreamingOrderMutation = { payStreamingOrder:
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'PayStreamingOrderPayload', alreadyPaid: boolean, order: { id: string, orderId: string, outOrderNo: string | null, status: StreamingStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }, device: { iotId: string, streaming: { serviceEndsAt: string | null } } }
    | { __typename: 'ValidationError', message: string, field: string, rule: string }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type PurchaseStreamingPlanMutationVariables = Exact<{
  input: PurchaseStreamingPlanInput;
}>;


export type PurchaseStreamingPlanMutation = { purchaseStreamingPlan:
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'PurchaseStreamingPlanPayload', order: { id: string, orderId: string, outOrderNo: string | null, commodityCode: string, commodityName: string | null, copies: number, status: StreamingStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null, price: { amount: string, currency: string } }, device: { iotId: string, streaming: { serviceEndsAt: string | null } } }
    | { __typename: 'ValidationError', message: string, field: string, rule: string }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export type StreamingOverviewQueryVariables = Exact<{
  iotId: string;
  first?: number | null | undefined;
}>;


export type StreamingOverviewQuery = { streamingPlans: Array<{ commodityCode: string, commodityName: string, months: number, quota: number, price: { amount: string, currency: string } }>, device: { iotId: string, streaming: { serviceEndsAt: string | null, activePlan: { orderId: string, commodityName: string | null, endTime: string | null } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> }, streamingOrders: { totalCount: number, edges: Array<{ node: { id: string, orderId: string, commodityCode: string, commodityName: string | null, copies: number, months: number | null, status: StreamingStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null, price: { amount: string, currency: string } } }> } } | null };

export type TransferCloudStorageOrderMutationVariables = Exact<{
  input: TransferCloudStorageOrderInput;
}>;


export type TransferCloudStorageOrderMutation = { transferCloudStorageOrder:
    | { __typename: 'ForbiddenError', message: string, vendorCode: string | null, requestId: string | null }
    | { __typename: 'OutcomeUnknownError', message: string, idempotencyKey: string | null }
    | { __typename: 'TransferCloudStorageOrderPayload', order: { id: string, orderId: string, iotId: string, commodityCode: string, specification: string | null, status: CloudStorageStatus, paymentStatus: PaymentStatus, startTime: string | null, endTime: string | null }, device: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } }, fromDevice: { iotId: string, cloudStorage: { serviceEndsAt: string | null, activePlan: { orderId: string } | null, queuedPlans: Array<{ orderId: string, startTime: string | null }> } } }
    | { __typename: 'ValidationError', message: string, field: string, rule: string, issues: Array<{ field: string, rule: string }> }
    | { __typename: 'VendorRejectedError', message: string, vendorCode: string | null, localizedMessage: string | null, requestId: string | null }
   };

export const OrderBillingFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderBilling"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CloudStorageOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billingOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"pretaxAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createTime"}}]}}]}}]} as unknown as DocumentNode<OrderBillingFragment, unknown>;
export const ActivateCloudStorageOrderDocument = {"__meta__":{"hash":"sha256:a64ef0023bf26c27e0fde89f50c371d3bd85cb5a9b28d3c4624b1fc38351b8fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateCloudStorageOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateCloudStorageOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateCloudStorageOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateCloudStorageOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<ActivateCloudStorageOrderMutation, ActivateCloudStorageOrderMutationVariables>;
export const ActivateStreamingOrderDocument = {"__meta__":{"hash":"sha256:03158f42753c6c5f56d1a499ddd2c11efb3d2488d3bc29023becba68d57074c7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateStreamingOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateStreamingOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateStreamingOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateStreamingOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"streaming"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<ActivateStreamingOrderMutation, ActivateStreamingOrderMutationVariables>;
export const AdminDashboardDeferredDocument = {"__meta__":{"hash":"sha256:dbb8792b4509127276bed7ad818e8be3a52beac88d9a8645d81fa56e7e3adf6c","deferredFields":{"OrderBilling":["billingOrder"]}},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminDashboardDeferred"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orders"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorageOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orders"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderBilling"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"billing","block":false}}]}]}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderBilling"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CloudStorageOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billingOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"pretaxAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createTime"}}]}}]}}]} as unknown as DocumentNode<AdminDashboardDeferredQuery, AdminDashboardDeferredQueryVariables>;
export const AdminDashboardDocument = {"__meta__":{"hash":"sha256:933fbe87e909ffe6afb4dae896d8642154c95765636cb512c2e8b07ddb5f1035"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orders"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorageOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orders"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"Field","name":{"kind":"Name","value":"billingOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"pretaxAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createTime"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdminDashboardQuery, AdminDashboardQueryVariables>;
export const BillingOrderListDocument = {"__meta__":{"hash":"sha256:dbeb751cbaac4140e4373942944e97230d148aeeb13026d4c81d190389aca4a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BillingOrderList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BillingOrderFilter"}},"defaultValue":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"createdAfter"},"value":{"kind":"StringValue","value":"2000-01-01T00:00:00Z","block":false}}]}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billingOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"productCode"}},{"kind":"Field","name":{"kind":"Name","value":"productType"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionType"}},{"kind":"Field","name":{"kind":"Name","value":"orderType"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createTime"}},{"kind":"Field","name":{"kind":"Name","value":"paymentTime"}},{"kind":"Field","name":{"kind":"Name","value":"pretaxAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"afterTaxAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BillingOrderListQuery, BillingOrderListQueryVariables>;
export const BindCloudStorageOrderDocument = {"__meta__":{"hash":"sha256:43c83b945a1c0d798830446bc1357e29718196e7943a477d9e553f17c2fe1e35"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BindCloudStorageOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BindCloudStorageOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindCloudStorageOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BindCloudStorageOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<BindCloudStorageOrderMutation, BindCloudStorageOrderMutationVariables>;
export const BuyCloudStoragePlanDocument = {"__meta__":{"hash":"sha256:eb6471ad029fde44b4dd3f17d117b4fdfbffda308b35ecf0db72e275e38cff71"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BuyCloudStoragePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BuyCloudStoragePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buyCloudStoragePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BuyCloudStoragePlanPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"copies"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<BuyCloudStoragePlanMutation, BuyCloudStoragePlanMutationVariables>;
export const ClaimFreeCloudStorageDocument = {"__meta__":{"hash":"sha256:c6124d15120af2bd6bfef1a5f1616a1fbbc1c9297a7a38d2598c7d45553d03a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimFreeCloudStorage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimFreeCloudStorageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimFreeCloudStorage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimFreeCloudStoragePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"freeCloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offered"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}},{"kind":"Field","name":{"kind":"Name","value":"remainingQuota"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"videoRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"freeCloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"remainingQuota"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FreePlanUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<ClaimFreeCloudStorageMutation, ClaimFreeCloudStorageMutationVariables>;
export const CloudStoragePlansDocument = {"__meta__":{"hash":"sha256:c078771c620a180c52f2418b38e45539055ae86cc882e80cb65c838326a1d340"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CloudStoragePlans"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recordType"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"commodityCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"specification"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudStoragePlans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"recordType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordType"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"videoRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"freeCloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"remainingQuota"}},{"kind":"Field","name":{"kind":"Name","value":"videoRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cloudStoragePlanAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"commodityCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"commodityCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"specification"},"value":{"kind":"Variable","name":{"kind":"Name","value":"specification"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<CloudStoragePlansQuery, CloudStoragePlansQueryVariables>;
export const CreateSubscriptionTicketDocument = {"__meta__":{"hash":"sha256:2005d98971ed2b8dd8ec70a966a25b12790facb0aeb5507498418cc498915de5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSubscriptionTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubscriptionTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubscriptionTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubscriptionTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}}]}}]} as unknown as DocumentNode<CreateSubscriptionTicketMutation, CreateSubscriptionTicketMutationVariables>;
export const DeviceDashboardDocument = {"__meta__":{"hash":"sha256:8b8f628fb7939f6c32de3e4f00d211e526d62e30b27cca416994a376116b064e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeviceDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orders"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"secondsUsed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorageOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orders"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeviceDashboardQuery, DeviceDashboardQueryVariables>;
export const FreezeCloudStorageOrderDocument = {"__meta__":{"hash":"sha256:520139497ebc612df4d2b517d224e691d9dfb8c670e2a7b877a9be66378a64c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FreezeCloudStorageOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FreezeCloudStorageOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"freezeCloudStorageOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FreezeCloudStorageOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<FreezeCloudStorageOrderMutation, FreezeCloudStorageOrderMutationVariables>;
export const MyDevicesDocument = {"__meta__":{"hash":"sha256:e86fea480366650ed7d031bf7113b06794b3c39796d63a505c1a000d959f8b2a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDevices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeviceFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"devices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streaming"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commodityName"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"freeCloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"remainingQuota"}},{"kind":"Field","name":{"kind":"Name","value":"videoRetentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDevicesQuery, MyDevicesQueryVariables>;
export const NodeByIdDocument = {"__meta__":{"hash":"sha256:cf9f49b86bfea15120d5923180ce75b6eb985db8bdfe9906579ac7b7e580b01b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CloudStorageOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamingOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","alias":{"kind":"Name","value":"streamingStatus"},"name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Device"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const CloudStorageOrderListDocument = {"__meta__":{"hash":"sha256:43f040a6837baa1a79641548fc46755777303b512fe5d22645cacecda22c343e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CloudStorageOrderList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CloudStorageOrderFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorageOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"copies"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"orderType"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"secondsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"identityId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CloudStorageOrderListQuery, CloudStorageOrderListQueryVariables>;
export const OrderUpdatedDocument = {"__meta__":{"hash":"sha256:e1de4d8e8e9866cf2a46d8160a69ecb3c3927c0506d6c5a71b4b76a4656cc9cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamingOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CloudStorageOrder"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"cloudStorageStatus"},"name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;
export const PayStreamingOrderDocument = {"__meta__":{"hash":"sha256:218e41fdb81f0ca539d00960ed9cf1fc242c38400479661a580ef47dee40b5cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayStreamingOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PayStreamingOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payStreamingOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PayStreamingOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alreadyPaid"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"streaming"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<PayStreamingOrderMutation, PayStreamingOrderMutationVariables>;
export const PurchaseStreamingPlanDocument = {"__meta__":{"hash":"sha256:ca1a77e99825f767cf2c874ecf80c800846f577e1d07da7b049db540d7d55d51"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PurchaseStreamingPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PurchaseStreamingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purchaseStreamingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PurchaseStreamingPlanPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"outOrderNo"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"commodityName"}},{"kind":"Field","name":{"kind":"Name","value":"copies"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"streaming"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<PurchaseStreamingPlanMutation, PurchaseStreamingPlanMutationVariables>;
export const StreamingOverviewDocument = {"__meta__":{"hash":"sha256:3b966e84989524bce0abab1b71e048403c3eb359b1b3bbe445f2c87718713fda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StreamingOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamingPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"commodityName"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"quota"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iotId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iotId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"streaming"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityName"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"streamingOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"commodityName"}},{"kind":"Field","name":{"kind":"Name","value":"copies"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StreamingOverviewQuery, StreamingOverviewQueryVariables>;
export const TransferCloudStorageOrderDocument = {"__meta__":{"hash":"sha256:96844b714b56226d7fd3472f287ac4bef1799f643f6e4c74b1228f792a90a2fe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferCloudStorageOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferCloudStorageOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferCloudStorageOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TransferCloudStorageOrderPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"commodityCode"}},{"kind":"Field","name":{"kind":"Name","value":"specification"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"device"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fromDevice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iotId"}},{"kind":"Field","name":{"kind":"Name","value":"cloudStorage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queuedPlans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceEndsAt"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VendorRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"localizedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vendorCode"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutcomeUnknownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}}]}}]}}]} as unknown as DocumentNode<TransferCloudStorageOrderMutation, TransferCloudStorageOrderMutationVariables>;