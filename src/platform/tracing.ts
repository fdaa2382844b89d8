import { context, INVALID_SPAN_CONTEXT, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { Config } from '../config';
import type { Logger } from './logger';

/**
 * OpenTelemetry traces. Only `@opentelemetry/api` is imported here, and with no SDK registered its tracer
 * and propagator are no-ops; the SDK and the OTLP exporter are loaded only when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. One provider per process: in-process servers (tests) share it, and the last one to stop flushes it.
 */
const tracer = trace.getTracer('qcharge');

let provider: { shutdown(): Promise<void> } | undefined;
let users = 0;

/** Whether spans are exported: without it, hot paths skip building spans (no-op ones cost a context switch and a promise each). */
export function isTracing(): boolean {
  return provider !== undefined;
}

/** Starts exporting spans over OTLP/HTTP (JSON) when the config names an endpoint; returns what stops it. */
export async function startTracing(config: Config, log: Logger): Promise<() => Promise<void>> {
  if (!config.otelEndpoint) return async () => undefined;
  if (users++ === 0) provider = await createProvider(config.otelEndpoint, config.otelServiceName);
  log.info({ endpoint: config.otelEndpoint, serviceName: config.otelServiceName }, 'exporting traces over OTLP/HTTP');
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    if (--users > 0) return;
    const current = provider;
    provider = undefined;
    // Flushes what the batch processor still holds.
    await current?.shutdown().catch((error) => log.warn({ err: error }, 'trace exporter shutdown failed'));
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

async function createProvider(endpoint: string, serviceName: string): Promise<{ shutdown(): Promise<void> }> {
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  // OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL (as the OTel spec has it); traces go to /v1/traces.
  const exporter = new OTLPTraceExporter({
    url: `${endpoint.replace(/\/+$/, '')}/v1/traces`,
  });
  const tracerProvider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    // Batch settings from the standard OTEL_BSP_* variables.
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator.
  tracerProvider.register();
  return tracerProvider;
}

const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `fn` inside a new span (its parent: the active span, or `parent` when given) and ends it when `fn`
 * settles. A failure marks the span as an error; `errorAttributes` can name it (an OCPP error code, say).
 */
export function inSpan<T>(
  name: string,
  options: {
    kind?: SpanKind;
    attributes?: Attributes;
    parent?: Context;
    errorAttributes?: (error: unknown) => Attributes;
  },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  // Not exporting: no span, no context switch (a no-op span would cost both on every call).
  if (provider === undefined) return fn(NO_SPAN);
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        if (options.errorAttributes) span.setAttributes(options.errorAttributes(error));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`), to carry in a message; empty when not tracing. */
export function currentTraceHeaders(): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** The trace context a message carried, as a parent for the spans made while serving it. */
export function contextFromHeaders(headers: Record<string, string> | undefined): Context {
  return headers ? propagation.extract(context.active(), headers) : context.active();
}

export { SpanKind };

/** Attributes of a span for one OCPP call, in either direction. */
export function ocppCallAttributes(tenantId: string, chargePointId: string, action: string, uniqueId: string | undefined): Attributes {
  return {
    'rpc.system': 'ocpp1.6',
    'rpc.method': action,
    'qcharge.tenant_id': tenantId,
    'qcharge.charge_point_id': chargePointId,
    ...(uniqueId === undefined ? {} : { 'ocpp.unique_id': uniqueId }),
  };
}
