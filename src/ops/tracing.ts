/**
 * OpenTelemetry: the tracer, and a span per vendor call attempt (`inSpan`), through
 * @opentelemetry/api (a no-op until a provider is registered). `startTracing` registers one that
 * exports over OTLP/HTTP only when an endpoint is configured; otherwise spans cost nothing.
 */
import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/** The tracer every subgate span comes from. */
export const tracer = () => trace.getTracer('subgate');

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
