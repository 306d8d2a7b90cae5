/**
 * OpenTelemetry spans: one per GraphQL operation and one per vendor call attempt, through
 * @opentelemetry/api (a no-op until a provider is registered). `startTracing` registers one that
 * exports over OTLP/HTTP only when an endpoint is configured; otherwise spans cost nothing.
 */
import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';

const tracer = () => trace.getTracer('subgate');

/**
 * Registers the exporting provider (with async context propagation); returns its shutdown. The
 * SDK and the exporter are loaded only when an endpoint is configured (they are memory a gateway
 * without tracing would carry for nothing; the API above is a few no-op objects).
 */
export async function startTracing(otlpEndpoint: string | null): Promise<() => Promise<void>> {
  if (!otlpEndpoint) return async () => {};
  const [{ OTLPTraceExporter }, { BatchSpanProcessor, NodeTracerProvider }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  const provider = new NodeTracerProvider({
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint}/v1/traces` })),
    ],
  });
  provider.register();
  return () => provider.shutdown();
}

/** Runs `fn` in a client span; the outcome code (ok or the error's code) becomes an attribute. */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const value = await fn();
      span.setAttribute('subgate.outcome', 'ok');
      return value;
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      span.setAttribute('subgate.outcome', typeof code === 'string' ? code : 'ERROR');
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.name });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * A span around each operation's execution, active while resolvers run so vendor-call spans
 * nest under it. Root-level only: no span per resolver.
 */
export function useOperationSpans(requestIdOf: (request: Request) => string | undefined): Plugin {
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const operation = args.operationName ?? operationNameOf(args.document) ?? 'anonymous';
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

function operationNameOf(document: unknown): string | undefined {
  const defs = (document as { definitions?: { kind: string; name?: { value: string } }[] })
    ?.definitions;
  return defs?.find((d) => d.kind === 'OperationDefinition')?.name?.value;
}
