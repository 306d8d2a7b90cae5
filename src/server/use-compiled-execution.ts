/**
 * Compiled execution (@envelop/graphql-jit) per document: execution was the warm dashboard's hot
 * path. graphql-jit differs from graphql-js in a few places, so a request runs compiled only when
 * none of them applies; every exception is listed here, the one place that decides.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, Kind, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isIncremental } from './incremental-delivery.js';
import { jitKeepsDefaults } from './jit-defaults.js';

/**
 * graphql-jit caches what it compiled per document, for the operationName of its first run; yoga
 * hands the same parsed document to every request with the same text, so a second operation of
 * it (GraphiQL's example, run by name) would execute the first one.
 */
function hasOneOperation({ document }: ExecutionArgs): boolean {
  let operations = 0;
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) operations++;
  return operations === 1;
}

/**
 * graphql-jit's compiled subscribe passes a field's literal arguments as undefined
 * (`orderUpdated(iotId: "…")` arrives without its iotId).
 */
function isSubscription({ document, operationName }: ExecutionArgs): boolean {
  return getOperationAST(document, operationName)?.operation === 'subscription';
}

/** Whether a request may run compiled: otherwise graphql-js runs it. */
export function compiles(args: ExecutionArgs): boolean {
  return (
    hasOneOperation(args) &&
    !isIncremental(args.document) && // @defer/@stream: yoga's standard executor delivers them
    !isSubscription(args) &&
    jitKeepsDefaults(args)
  );
}

export function useCompiledExecution(): Plugin {
  return useGraphQlJit({}, { enableIf: compiles }) as Plugin;
}
