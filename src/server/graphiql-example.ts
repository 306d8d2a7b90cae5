/** The query GraphiQL opens with: a device dashboard a frontend would build. */
export function exampleQuery(iotId = '<iotId>'): string {
  return `# subgate: one typed API for a camera's cloud storage, live-stream sharing and billing.
# Send "Authorization: Bearer <iotToken>" (a user) or "X-Api-Key: <admin key>" (billing too).
query DeviceDashboard {
  device(iotId: "${iotId}") {
    iotId
    cloudStorage {
      activePlan { commodityCode specification endTime }
      queuedPlans { orderId startTime }
      serviceEndsAt
      recordType
      secondsUsed
    }
    streaming { activePlan { commodityName endTime } serviceEndsAt }
    cloudStorageOrders(first: 5) {
      totalCount
      edges { node { orderId status paymentStatus price { amount currency } startTime endTime } }
      pageInfo { hasNextPage endCursor }
    }
  }
  streamingPlans { commodityCode commodityName months quota price { amount currency } }
}

# The signed-in user's devices and the cloud-storage plans on sale (a user token: an admin key has
# no user, so its viewer is null).
query MyDevicesAndPlans {
  viewer {
    devices(first: 10) {
      totalCount
      edges { node { iotId name status role freeCloudStorage { available claimed endsAt } } }
    }
  }
  cloudStoragePlans { commodityCode specification name recordType videoRetentionDays months price { amount } }
}

# A new device's free trial (freeCloudStorage.available above): claim it once.
mutation ClaimFreeCloudStorage {
  claimFreeCloudStorage(input: { iotId: "${iotId}", immediateUse: true, idempotencyKey: "try-me-free-1" }) {
    __typename
    ... on ClaimFreeCloudStoragePayload { freeCloudStorage { claimed startsAt endsAt } }
    ... on MutationError { message }
  }
}

# Buying a plan: pick this operation in the run menu. Expected failures come back typed.
mutation BuyStreamingPlan {
  purchaseStreamingPlan(input: {
    iotId: "${iotId}"
    commodityCode: "streamingResource_20_10"
    copies: 1
    idempotencyKey: "try-me-1"
  }) {
    __typename
    ... on PurchaseStreamingPlanPayload { order { orderId status paymentStatus startTime endTime } }
    ... on MutationError { message }
    ... on ValidationError { field rule }
  }
}

# Buying cloud storage (paid from the account: CREATING/PAYING, then ACTIVE/PAID seconds later).
mutation BuyCloudStoragePlan {
  buyCloudStoragePlan(input: {
    iotId: "${iotId}"
    commodityCode: "ilopLVCloudResource"
    specification: "eventResource_7"
    copies: 1
    userName: "me"
    immediateUse: true
    idempotencyKey: "try-me-cloud-1"
  }) {
    __typename
    ... on BuyCloudStoragePlanPayload { order { orderId status paymentStatus startTime endTime } }
    ... on MutationError { message }
    ... on ValidationError { field rule }
  }
}

# Then pay the streaming order (it is created UNPAID): put the orderId from BuyStreamingPlan here. PAYING at once,
# PAID seconds later; only a paid order is service (docs/selling.md).
mutation PayStreamingOrder {
  payStreamingOrder(input: { iotId: "${iotId}", orderId: "<orderId>", idempotencyKey: "try-me-pay-1" }) {
    __typename
    ... on PayStreamingOrderPayload { alreadyPaid order { orderId paymentStatus } }
    ... on MutationError { message }
  }
}

# A paid order queued after the current plan (startTime later) can start now: its orderId here.
mutation ActivateStreamingOrder {
  activateStreamingOrder(input: { iotId: "${iotId}", orderId: "<orderId>", idempotencyKey: "try-me-now-1" }) {
    __typename
    ... on ActivateStreamingOrderPayload { order { orderId status startTime endTime } }
    ... on MutationError { message }
  }
}

# Live order status (over SSE): run it, then buy above in a second tab; updates appear here.
subscription LiveOrders {
  orderUpdated(iotId: "${iotId}") { __typename orderId paymentStatus startTime endTime }
}
`;
}
