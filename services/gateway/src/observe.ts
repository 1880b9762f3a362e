// One server span, one metrics sample and one log line per HTTP request. The span continues the
// caller's W3C trace context; route handlers run their upstream calls inside it so the trace goes on.
// Metrics and traces are read on the operations listener (ops.ts), not here.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from "@opentelemetry/api";
import type { Logger } from "@shop/kit/log";
import { metricsRegistry } from "@shop/kit/metrics";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, Histogram } from "prom-client";

const httpRequests = new Counter({
  name: "http_server_requests_total",
  help: "HTTP requests answered, by route template and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [metricsRegistry],
});

const httpDuration = new Histogram({
  name: "http_server_duration_seconds",
  help: "HTTP request handling time, by route template",
  labelNames: ["method", "route"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const spans = new WeakMap<FastifyRequest, Span>();

/** The trace context of a request, for calls made on its behalf. */
export function requestContext(req: FastifyRequest): Context {
  const span = spans.get(req);
  return span ? trace.setSpan(context.active(), span) : context.active();
}

// Unmatched URLs share one label so scanners cannot blow up the metric's cardinality.
const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? "unmatched";

export function installObservability(app: FastifyInstance, logger: Logger): void {
  const tracer = trace.getTracer("shop-gateway");
  app.addHook("onRequest", (req, _reply, done) => {
    // Node's header object is a carrier as it is (names are lower case, as W3C trace context's are).
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} ${routeOf(req)}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "http.route": routeOf(req) } },
      parent,
    );
    spans.set(req, span);
    done();
  });
  app.addHook("onResponse", (req, reply, done) => {
    const route = routeOf(req);
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    httpRequests.inc({ method: req.method, route, status: String(status) });
    httpDuration.observe({ method: req.method, route }, seconds);
    const span = spans.get(req);
    const traceId = span?.spanContext().traceId;
    if (span) {
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    logger.info({ method: req.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10, ip: req.ip, trace_id: traceId }, "request");
    done();
  });
}
