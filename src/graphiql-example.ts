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
`;
}
