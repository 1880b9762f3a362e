// What both adapters do around a handler: a consumer span continuing the producer's trace (from
// the message headers), a deadline, and counters by topic and group.
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { Counter } from "prom-client";
import { metricsRegistry } from "../metrics.ts";
import { extractTraceContext, injectTraceHeaders } from "../telemetry.ts";
import { errorText } from "./options.ts";
import type { Delivery, Handler } from "./port.ts";

const counter = (name: string, help: string, labelNames: readonly string[]) => new Counter({ name, help, labelNames, registers: [metricsRegistry] });

export const busMetrics = {
  published: counter("bus_published_total", "Events published, by topic", ["topic"]),
  delivered: counter("bus_delivered_total", "Deliveries handled and acknowledged, by topic and group", ["topic", "group"]),
  failed: counter("bus_failed_total", "Deliveries whose handler failed (to be retried or dead-lettered)", ["topic", "group"]),
  deadLettered: counter("bus_dead_lettered_total", "Messages moved to a dead-letter queue", ["topic", "group"]),
};

const tracer = trace.getTracer("shop-bus");

/** The active trace context as message headers (W3C traceparent/tracestate). */
export function currentTraceHeaders(): Record<string, string> {
  const headers = new Headers();
  injectTraceHeaders(headers);
  return Object.fromEntries(headers);
}

/**
 * Runs the handler in a consumer span; resolves with the failure (undefined when handled).
 * `metricGroup` is the group as subscribed: per-instance groups would otherwise label every
 * process differently.
 */
export async function runHandler(handler: Handler, delivery: Delivery, metricGroup: string, timeoutMs: number): Promise<unknown> {
  const labels = { topic: delivery.topic, group: metricGroup };
  const parent = extractTraceContext(new Headers(delivery.headers));
  const attributes = {
    "messaging.operation.type": "process",
    "messaging.destination.name": delivery.topic,
    "messaging.consumer.group.name": delivery.group,
    "messaging.message.id": delivery.id,
    "shop.bus.attempt": delivery.attempt,
  };
  return tracer.startActiveSpan(`process ${delivery.topic}`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`handler timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([handler(delivery), deadline]);
      busMetrics.delivered.inc(labels);
      return undefined;
    } catch (err) {
      busMetrics.failed.inc(labels);
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorText(err) });
      return err ?? new Error("handler rejected without a reason");
    } finally {
      clearTimeout(timer);
      span.end();
    }
  });
}
