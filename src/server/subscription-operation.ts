import { getOperationAST, type ExecutionArgs } from 'graphql';

/**
 * Whether the operation run is a subscription. graphql-jit's compiled subscribe passes a field's
 * literal arguments as undefined (`orderUpdated(iotId: "…")` arrives without its iotId), so
 * subscriptions run on graphql-js; queries and mutations stay compiled.
 */
export function isSubscription({ document, operationName }: ExecutionArgs): boolean {
  return getOperationAST(document, operationName)?.operation === 'subscription';
}
