/**
 * One span per GraphQL operation (`graphql <operationName>`), active while its resolvers run so
 * the vendor-call spans of src/ops/tracing.ts nest under it.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST, type ExecutionResult, type GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/** A later part of an incremental result: its errors sit in `incremental[]`. */
type IncrementalResult = ExecutionResult & {
  incremental?: readonly { errors?: readonly GraphQLError[] }[];
};
import { tracer } from '../ops/tracing.js';

/**
 * A span around each operation's execution, active while resolvers run so vendor-call spans
 * nest under it. Root-level only: no span per resolver.
 */
export function useOperationSpans(requestIdOf: (request: Request) => string | undefined): Plugin {
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const operation =
        args.operationName ?? getOperationAST(args.document)?.name?.value ?? 'anonymous';
      const request = (args.contextValue as { request?: Request }).request;
      const requestId = request ? requestIdOf(request) : undefined;
      const span = tracer().startSpan(`graphql ${operation}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'graphql.operation.name': operation,
          ...(requestId ? { 'subgate.request_id': requestId } : {}),
        },
      });
      const active = trace.setSpan(context.active(), span);
      setExecuteFn((a) => context.with(active, () => executeFn(a)));
      let failure: string | undefined;
      const end = () => {
        span.setAttribute('subgate.outcome', failure ?? 'ok');
        if (failure) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      const observe = ({ result }: { result: IncrementalResult }) => {
        const errors = result.errors ?? result.incremental?.flatMap((part) => part.errors ?? []);
        const code = errors?.[0]?.extensions?.code;
        if (errors?.length) failure ??= typeof code === 'string' ? code : 'error';
      };
      return {
        // An incremental (@defer/@stream) result ends with its last part, not its first.
        onExecuteDone(payload) {
          if (!isAsyncIterable(payload.result)) {
            observe({ result: payload.result });
            return end();
          }
          return { onNext: observe, onEnd: end };
        },
      };
    },
  };
}
