// OpenTelemetry tracing. Spans go to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, otherwise to a
// bounded in-memory ring served at /debug/traces. Call initTelemetry before createDb so the pg
// instrumentation is in place when pg is first required.
import { createRequire } from "node:module";
import { context, propagation, trace, type Tracer } from "@opentelemetry/api";
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from "@opentelemetry/core";
import type { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

export interface SpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  service: string;
  startTime: string;
  durationMs: number;
  status: number;
  attributes: Record<string, unknown>;
}

/** Keeps the last `capacity` finished spans; the embedded profile's trace store. */
class RingExporter implements SpanExporter {
  private readonly spans: SpanSummary[] = [];
  constructor(private readonly capacity: number) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    for (const s of spans) {
      const ctx = s.spanContext();
      this.spans.push({
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        name: s.name,
        service: String(s.resource.attributes[ATTR_SERVICE_NAME] ?? ""),
        startTime: new Date(s.startTime[0] * 1000 + s.startTime[1] / 1e6).toISOString(),
        durationMs: s.duration[0] * 1000 + s.duration[1] / 1e6,
        status: s.status.code,
        attributes: { ...s.attributes },
      });
    }
    if (this.spans.length > this.capacity) this.spans.splice(0, this.spans.length - this.capacity);
    done({ code: ExportResultCode.SUCCESS });
  }
  recent(traceId?: string): SpanSummary[] {
    return traceId ? this.spans.filter((s) => s.traceId === traceId) : [...this.spans];
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Telemetry {
  tracer: Tracer;
  recentSpans(traceId?: string): SpanSummary[];
  shutdown(): Promise<void>;
}

let current: Telemetry | undefined;

// Loaded only when configured: the OTLP exporter and its protobuf encoder weigh megabytes of heap
// that the embedded profile (traces in memory) never uses.
function otlpExporter(): SpanExporter {
  const otlp = createRequire(import.meta.url)("@opentelemetry/exporter-trace-otlp-http") as { OTLPTraceExporter: typeof OTLPTraceExporter };
  return new otlp.OTLPTraceExporter();
}

export function initTelemetry(service: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  if (current) return current;
  const ring = new RingExporter(2000);
  const exporter: SpanExporter = env.OTEL_EXPORTER_OTLP_ENDPOINT ? otlpExporter() : ring;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 200 })],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({ instrumentations: [new PgInstrumentation({ requireParentSpan: true })] });
  current = {
    tracer: trace.getTracer(service),
    recentSpans: (id) => ring.recent(id),
    shutdown: () => provider.shutdown(),
  };
  return current;
}

/** Trace context as headers, for whatever carries a call onward. */
export function injectTraceHeaders(headers: Headers): void {
  propagation.inject(context.active(), headers, { set: (h, k, v) => h.set(k, v) });
}

export function extractTraceContext(headers: Headers) {
  return propagation.extract(context.active(), headers, {
    get: (h, k) => h.get(k) ?? undefined,
    keys: (h) => [...h.keys()],
  });
}
