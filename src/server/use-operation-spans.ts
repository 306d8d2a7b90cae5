/**
 * One span per GraphQL operation (`graphql <operationName>`), active while its resolvers run so
 * the vendor-call spans of src/ops/tracing.ts nest under it.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
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
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? result.errors : undefined;
          if (errors?.length) {
            const code = errors[0]?.extensions?.code;
            span.setAttribute('subgate.outcome', typeof code === 'string' ? code : 'error');
            span.setStatus({ code: SpanStatusCode.ERROR });
          } else span.setAttribute('subgate.outcome', 'ok');
          span.end();
        },
      };
    },
  };
}
