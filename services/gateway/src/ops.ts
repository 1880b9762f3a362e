// The gateway's operations listener, on its own port (SHOP_GATEWAY_OPS_PORT), bound to loopback by
// default: Prometheus metrics, the in-memory trace store and health with every detail. Traces hold
// other people's requests and health names every instance's address, so none of it is on the public
// port (nor /sd/prometheus, the scrape targets); a scraper needs no token, only a route to this port, which the network decides.
import type { Logger } from "@shop/kit/log";
import { metricsRegistry } from "@shop/kit/metrics";
import { initTelemetry } from "@shop/kit/telemetry";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { installErrorHandling } from "./errors.ts";
import { installHealthDetailRoutes, type HealthDeps } from "./health.ts";
import { installPrometheusSd } from "./service-discovery.ts";

export function buildOpsApp(logger: Logger, health: HealthDeps): FastifyInstance {
  const fastifyLogger: FastifyBaseLogger = logger;
  const ops = Fastify({ loggerInstance: fastifyLogger, logController: new LogController({ disableRequestLogging: true }) });
  installErrorHandling(ops, logger);
  ops.addHook("onSend", (_req, reply, payload, done) => {
    reply.header("cache-control", "no-store").header("x-content-type-options", "nosniff");
    done(null, payload);
  });
  ops.get("/metrics", async (_req, reply) => reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics()));
  // The embedded profile's trace store, as on every service (OTLP replaces it when configured).
  ops.get<{ Querystring: { trace_id?: string } }>("/debug/traces", (req, reply) => {
    const traceId = typeof req.query.trace_id === "string" ? req.query.trace_id : undefined;
    return reply.send(initTelemetry("gateway").recentSpans(traceId));
  });
  installHealthDetailRoutes(ops, health);
  installPrometheusSd(ops, health.instances, health.deployables);
  return ops;
}
